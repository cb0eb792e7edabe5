#!/usr/bin/env node
// `npm run test:apache`: the integration and end-to-end specs that use a broker (those calling
// `startTestKafka`, and the embedded broker's conformance specs, which call
// `startConformanceBroker*` from libs/embedded-kafka/test because libs/testing depends on
// that library), run again with HERALD_TEST_KAFKA=apache: each spec file on its own
// one-node Apache Kafka (tools/apache-kafka, fetched with Maven on first use).
// Ends with one plain line: `apache tier: N passed, N failed`. Extra arguments go to jest.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const { specsUsingTheTestBroker } = require('./broker-specs.cjs');

const root = path.join(__dirname, '..');

const specs = specsUsingTheTestBroker();
process.stdout.write(`\n== apache tier: ${specs.length} spec files on Apache Kafka\n`);
for (const spec of specs) process.stdout.write(`  ${spec}\n`);

const report = path.join(root, 'tmp', 'jest-apache-results.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
const started = Date.now();
const result = spawnSync(
  path.join(root, 'node_modules', '.bin', 'jest'),
  // Only the integration project matches *.integration-spec.ts. (No --selectProjects: it takes
  // every following argument as a project name.)
  ['--json', `--outputFile=${report}`, ...process.argv.slice(2), ...specs],
  {
    cwd: root,
    env: { ...process.env, HERALD_TEST_KAFKA: 'apache', NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    stdio: 'inherit',
  },
);

let passed = 0;
let failed = 0;
if (fs.existsSync(report)) {
  const results = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
} else {
  failed = 1;
}
if (result.status !== 0 && failed === 0) failed = 1;
const seconds = ((Date.now() - started) / 1000).toFixed(0);
process.stdout.write(`apache tier wall time: ${seconds} s\n`);
process.stdout.write(`apache tier: ${passed} passed, ${failed} failed\n`);
process.exit(result.status === 0 ? 0 : 1);
