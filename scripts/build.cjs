#!/usr/bin/env node
// Compiles apps/, libs/ and tools/ to dist/ with SWC (decorator metadata, path aliases
// rewritten to relative requires), for production images and a lean `npm start`; then builds
// the tenant portal (apps/portal, Vite) into dist/portal.
const { transformFileSync } = require('@swc/core');
const { buildPortal } = require('./build-portal.cjs');
const { swcOptions } = require('./swc-options.cjs');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const out = path.join(root, 'dist');
const portalSource = path.join(root, 'apps', 'portal');

function walk(dir, files = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // apps/portal is a web page: Vite bundles it (below), SWC has nothing to do there.
      if (!['node_modules', 'fixtures'].includes(entry.name) && full !== portalSource) {
        walk(full, files);
      }
    } else if (
      entry.name.endsWith('.ts') &&
      !/\.(spec|integration-spec)\.ts$/.test(entry.name) &&
      !entry.name.endsWith('.d.ts')
    ) {
      files.push(full);
    }
  }
  return files;
}

fs.rmSync(out, { recursive: true, force: true });
let count = 0;
for (const top of ['apps', 'libs', 'tools']) {
  for (const file of walk(path.join(root, top))) {
    const { code, map } = transformFileSync(file, swcOptions(true));
    const target = path.join(out, path.relative(root, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
    fs.writeFileSync(`${target}.map`, map);
    count++;
  }
}
fs.copyFileSync(path.join(root, 'package.json'), path.join(out, 'package.json'));
console.log(`compiled ${count} files to dist/`);
buildPortal().then(
  () => console.log('built the tenant portal to dist/portal/'),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
