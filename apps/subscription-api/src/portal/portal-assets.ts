import { existsSync, readFileSync, readdirSync, statSync } from 'fs';
import { basename, extname, join, relative, resolve, sep } from 'path';

/**
 * The Content-Security-Policy of every portal response: scripts, styles, images and API calls
 * from this origin only (no inline script, no CDN, no eval), no framing, no plugins.
 */
export const PORTAL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface PortalAsset {
  type: string;
  body: Buffer;
  /** Hashed file names (Vite's assets/) never change, so they may be cached for long. */
  immutable: boolean;
}

/**
 * Where `npm run build` writes the portal (Vite): `<workspace>/dist/portal`, from the source
 * tree (apps/subscription-api/src/portal) and from its compiled twin under dist/ alike.
 */
export function defaultPortalDir(): string {
  const up = resolve(__dirname, '..', '..', '..', '..');
  return basename(up) === 'dist' ? join(up, 'portal') : join(up, 'dist', 'portal');
}

/**
 * Every file of the built portal, read once into memory and keyed by its URL path below
 * /portal/ (so a request can only ever name one of these: no path is joined at request time).
 * Empty when the portal has not been built.
 */
export function loadPortalAssets(dir: string): Map<string, PortalAsset> {
  const assets = new Map<string, PortalAsset>();
  if (!existsSync(dir)) return assets;
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) {
        walk(full);
        continue;
      }
      const type = TYPES[extname(name)];
      if (!type) continue;
      const key = relative(dir, full).split(sep).join('/');
      assets.set(key, { type, body: readFileSync(full), immutable: key.startsWith('assets/') });
    }
  };
  walk(dir);
  return assets;
}
