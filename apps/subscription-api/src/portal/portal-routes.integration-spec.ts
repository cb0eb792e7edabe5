import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PORTAL_CSP } from './portal-assets';
import { registerPortalRoutes } from './portal-routes';

@Module({})
class EmptyModule {}

/** /portal/ served from a folder, on a real Fastify under Nest on loopback. */
async function servePortal(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const app = await NestFactory.create<NestFastifyApplication>(EmptyModule, new FastifyAdapter(), {
    logger: false,
  });
  registerPortalRoutes(app, dir);
  await app.listen(0, '127.0.0.1');
  return { url: await app.getUrl(), close: () => app.close() };
}

describe('/portal/ static serving', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'herald-portal-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves a built page and its assets with the strict CSP, nothing outside the build', async () => {
    const built = join(root, 'built');
    mkdirSync(join(built, 'assets'), { recursive: true });
    writeFileSync(
      join(built, 'index.html'),
      '<!doctype html><script src="assets/app-1.js"></script>',
    );
    writeFileSync(join(built, 'assets', 'app-1.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.js'), 'outside the build');
    const portal = await servePortal(built);
    try {
      const page = await fetch(`${portal.url}/portal/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toBe(PORTAL_CSP);
      expect(PORTAL_CSP).toContain("script-src 'self'");
      expect(PORTAL_CSP).not.toContain('unsafe-inline');
      expect(page.headers.get('cache-control')).toBe('no-store');
      const script = await fetch(`${portal.url}/portal/assets/app-1.js`);
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toContain('application/javascript');
      expect(script.headers.get('cache-control')).toContain('immutable');
      expect((await fetch(`${portal.url}/portal`, { redirect: 'manual' })).status).toBe(301);
      for (const path of ['/portal/../secret.js', '/portal/%2e%2e/secret.js', '/portal/nope.js']) {
        const res = await fetch(`${portal.url}${path}`);
        expect([path, res.status]).toEqual([path, 404]);
      }
    } finally {
      await portal.close();
    }
  });

  it('answers 503 problem+json saying so when the page is not built', async () => {
    const portal = await servePortal(join(root, 'missing'));
    try {
      const page = await fetch(`${portal.url}/portal/`);
      expect(page.status).toBe(503);
      expect(page.headers.get('content-type')).toContain('application/problem+json');
      expect(((await page.json()) as { detail: string }).detail).toContain(
        'not part of this build',
      );
    } finally {
      await portal.close();
    }
  });
});
