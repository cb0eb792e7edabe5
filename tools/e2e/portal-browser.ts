import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium: the browser tests never download one. */
export const CHROMIUM = '/usr/bin/chromium';

const WORKSPACE = join(__dirname, '..', '..');

/** Where the browser specs keep the latest screenshots (the README shows one). */
export const SCREENSHOTS = join(WORKSPACE, 'docs', 'screenshots');

/**
 * Builds the portal page (Vite) into dist/portal, as `npm run build` does, so the API started
 * after it serves the current page.
 */
export function buildPortalPage(): void {
  const result = spawnSync(process.execPath, [join(WORKSPACE, 'scripts', 'build-portal.cjs')], {
    cwd: WORKSPACE,
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`portal build failed:\n${result.stdout}${result.stderr}`);
}

export interface PortalBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile, no background traffic, no sandbox (CI runs as root). */
export async function openPortalBrowser(): Promise<PortalBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'herald-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
