#!/usr/bin/env node
// Runs a TypeScript entry point like run-ts.cjs, but from a cache of compiled files in
// .herald/ts-cache: a warm start loads neither SWC nor TypeScript (about 1.5 s of CPU less),
// so a short-lived tool such as `npm run kafka` answers within a client's 2 s probe timeout.
// A file is compiled (with SWC, the options of scripts/swc-options.cjs, as scripts/build.cjs)
// only when its size or mtime changed since it was cached.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const cacheDir = path.join(root, '.herald', 'ts-cache');
const FORMAT = 'v1';
let options;
process.setSourceMapsEnabled(true);

function compile(filename) {
  const { transformFileSync } = require('@swc/core');
  options ??= require('./swc-options.cjs').swcOptions('inline');
  return transformFileSync(filename, options).code;
}

require.extensions['.ts'] = (module, filename) => {
  const stat = fs.statSync(filename);
  const key = crypto
    .createHash('sha1')
    .update(`${FORMAT}\0${filename}\0${stat.size}\0${stat.mtimeMs}`)
    .digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let code;
  try {
    code = fs.readFileSync(cached, 'utf8');
  } catch {
    code = compile(filename);
    fs.mkdirSync(cacheDir, { recursive: true });
    const staging = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(staging, code);
    fs.renameSync(staging, cached);
  }
  module._compile(code, filename);
};

const entry = process.argv[2];
if (!entry) {
  console.error('usage: run-ts-cached.cjs <file.ts> [args...]');
  process.exit(2);
}
process.argv.splice(1, 1);
require(path.resolve(entry));
