#!/usr/bin/env node
// `npm run test:apache [-- --workers=N] [jest args]`: the integration and end-to-end specs that
// use a broker (those calling `startTestKafka`, and the embedded broker's conformance specs,
// which call `startConformanceBroker*` from libs/embedded-kafka/test because libs/testing
// depends on that library), run again with HERALD_TEST_KAFKA=apache on Apache Kafka
// (tools/apache-kafka, fetched with Maven on first use).
//
// One broker per jest worker (N workers, default 1) is started here before jest and stopped
// after it (tools/apache-kafka/src/shared-broker.cli.ts); the spec files a worker runs share
// its broker, each emptying it of topics and groups first (tools/apache-kafka/src/
// broker-reset.ts), instead of starting a JVM each. A spec that asks for broker settings the
// shared one lacks, or for a data folder of its own, still starts its own.
//
// Ends with one plain line: `apache tier: N passed, N failed`, also when Kafka cannot be
// fetched or started (then with 0 passed and 1 failed). Other arguments go to jest.
const { spawn } = require('child_process');
const path = require('path');
const { setTimeout, clearTimeout } = require('timers');

const { specsUsingTheTestBroker } = require('./broker-specs.cjs');
const { freshReportPath, reportedCounts } = require('./jest-report.cjs');

const root = path.join(__dirname, '..');
const env = {
  ...process.env,
  HERALD_TEST_KAFKA: 'apache',
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
};

const workersFlag = process.argv.slice(2).find((arg) => /^--workers=\d+$/.test(arg));
const workers = Math.max(1, Number(workersFlag ? workersFlag.split('=')[1] : 1));
const jestArgs = process.argv.slice(2).filter((arg) => arg !== workersFlag);
const START_TIMEOUT_MS = 10 * 60_000;

/** Starts one shared broker; resolves with its child process and bootstrap once it is ready. */
function startSharedBroker() {
  const cli = path.join('tools', 'apache-kafka', 'src', 'shared-broker.cli.ts');
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'run-ts.cjs'), cli], {
    cwd: root,
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const ready = new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      const line = output
        .split('\n')
        .slice(0, -1)
        .find((l) => l.startsWith('{'));
      if (line) resolve({ child, exited, ...JSON.parse(line) });
    });
    child.once('error', reject);
    void exited.then((code) =>
      reject(new Error(`the shared Apache Kafka broker exited (${code}) before it was ready`)),
    );
  });
  // Fetching the jars on a fresh clone takes a minute or two; a hang must not stall CI.
  const slow = setTimeout(() => child.kill('SIGTERM'), START_TIMEOUT_MS);
  void ready.then(
    () => clearTimeout(slow),
    () => clearTimeout(slow),
  );
  return ready;
}

async function stopSharedBroker(broker) {
  broker.child.stdin.end();
  broker.child.kill('SIGTERM');
  const hung = setTimeout(() => broker.child.kill('SIGKILL'), 20_000);
  await broker.exited;
  clearTimeout(hung);
}

function runJest(args) {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, 'node_modules', '.bin', 'jest'), args, {
      cwd: root,
      env,
      stdio: 'inherit',
    });
    child.once('error', () => resolve(1));
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

async function main() {
  const specs = specsUsingTheTestBroker();
  process.stdout.write(
    `\n== apache tier: ${specs.length} spec files on Apache Kafka, ${workers} worker(s)\n`,
  );
  for (const spec of specs) process.stdout.write(`  ${spec}\n`);

  const report = freshReportPath('jest-apache-results');
  const started = Date.now();

  let status = 1;
  const settled = await Promise.allSettled(Array.from({ length: workers }, startSharedBroker));
  const brokers = settled.filter((s) => s.status === 'fulfilled').map((s) => s.value);
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure) {
    process.stdout.write(`apache tier: cannot start Apache Kafka: ${failure.reason.message}\n`);
  } else {
    const bootstraps = brokers.map((b) => b.bootstrap);
    process.stdout.write(
      `apache tier: Apache Kafka ${brokers[0].version} shared at ${bootstraps.join(' ')} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
    );
    env.HERALD_TEST_KAFKA_SHARED_BROKERS = bootstraps.join(' ');
    // Only the integration project matches *.integration-spec.ts. (No --selectProjects: it takes
    // every following argument as a project name.)
    // --forceExit: a client some spec leaves open keeps jest's process alive while the shared
    // broker still answers it (measured: 7.5 idle minutes after the last file on 2026-12-04).
    status = await runJest([
      '--forceExit',
      '--json',
      `--outputFile=${report}`,
      `--maxWorkers=${workers}`,
      ...jestArgs,
      ...specs,
    ]);
  }
  await Promise.all(brokers.map(stopSharedBroker));

  const counts = reportedCounts(report) ?? { passed: 0, failed: 1 };
  const passed = counts.passed;
  const failed = status !== 0 && counts.failed === 0 ? 1 : counts.failed;
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  process.stdout.write(`apache tier wall time: ${seconds} s\n`);
  process.stdout.write(`apache tier: ${passed} passed, ${failed} failed\n`);
  process.exit(status === 0 ? 0 : 1);
}

main().catch((error) => {
  process.stdout.write(`apache tier: ${error.stack ?? error}\n`);
  process.stdout.write('apache tier: 0 passed, 1 failed\n');
  process.exit(1);
});
