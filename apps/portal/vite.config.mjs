// The tenant portal's build (scripts/build-portal.cjs): Preact through Vite's own JSX transform,
// every asset bundled from node_modules (no CDN, no font or script fetched at run time).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));

export default {
  root,
  base: '/portal/',
  logLevel: 'warn',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: join(root, '..', '..', 'dist', 'portal'),
    emptyOutDir: true,
    assetsDir: 'assets',
    // No inline module preload polyfill: the CSP allows scripts from this origin only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
  },
};
