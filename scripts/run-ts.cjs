#!/usr/bin/env node
// Runs a TypeScript entry point with SWC (decorator metadata and tsconfig paths included).
process.env.SWC_NODE_PROJECT =
  process.env.SWC_NODE_PROJECT || require('path').join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
const entry = process.argv[2];
if (!entry) {
  console.error('usage: run-ts.cjs <file.ts> [args...]');
  process.exit(2);
}
process.argv.splice(1, 1);
require(require('path').resolve(entry));
