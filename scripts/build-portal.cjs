#!/usr/bin/env node
// Builds the tenant portal (apps/portal, Vite + Preact) into dist/portal, which subscription-api
// serves under /portal/. Run by scripts/build.cjs (so by `npm start`) and by the browser spec.
const path = require('path');

async function buildPortal() {
  const { build } = await import('vite');
  const configFile = path.join(__dirname, '..', 'apps', 'portal', 'vite.config.mjs');
  await build({ configFile });
}

module.exports = { buildPortal };

if (require.main === module) {
  buildPortal().then(
    () => console.log('built the portal to dist/portal/'),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
