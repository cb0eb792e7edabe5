#!/usr/bin/env node
// `npm test`: lint (module boundaries included), type-check, then every project's tests.
// Ends with one plain summary line: `tests: N passed, N failed`. `--tests-only` skips lint and
// the type-check (CI's second Node.js runs only what depends on the runtime);
// `--except-broker-specs` leaves out the specs the Apache tier runs (scripts/broker-specs.cjs)
// and tools/workspace (lint probes and generated docs, which do not depend on the runtime).
const { spawnSync } = require('child_process');
const path = require('path');
const { specsUsingTheTestBroker } = require('./broker-specs.cjs');
const { freshReportPath, reportedCounts } = require('./jest-report.cjs');

const root = path.join(__dirname, '..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function step(title, command, args) {
  process.stdout.write(`\n== ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  return result.status === 0;
}

const testsOnly = process.argv.includes('--tests-only');
const exceptBrokerSpecs = process.argv.includes('--except-broker-specs');
const ownFlags = ['--tests-only', '--except-broker-specs'];
const passThrough = process.argv.slice(2).filter((arg) => !ownFlags.includes(arg));
step('project graph', bin('nx'), ['show', 'projects']);
const lintOk = testsOnly || step('lint', bin('eslint'), ['.', '--max-warnings=0']);
// The portal (apps/portal) is a web page with its own tsconfig (DOM, JSX): checked separately.
const typesOk =
  testsOnly ||
  (step('type-check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']) &&
    step('type-check (portal)', bin('tsc'), ['-p', 'apps/portal/tsconfig.json']));

const report = freshReportPath('jest-results');
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ignored = exceptBrokerSpecs
  ? [
      '--testPathIgnorePatterns',
      '/node_modules/',
      '/dist/',
      '/\\.herald/',
      '/tools/workspace/',
      ...specsUsingTheTestBroker().map(escape),
    ]
  : [];
const jestArgs = ['--json', `--outputFile=${report}`, ...passThrough, ...ignored];
const testsOk = step('tests', bin('jest'), jestArgs);

const { passed, failed } = reportedCounts(report) ?? { passed: 0, failed: 0 };
if (!lintOk) process.stdout.write('lint: FAILED\n');
if (!typesOk) process.stdout.write('type-check: FAILED\n');
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exit(lintOk && typesOk && testsOk ? 0 : 1);
