import { join } from 'path';
import { Page } from 'playwright-core';
import { DemoReceiver, startDemoReceiver } from '@herald/testing';
import { E2ePlatform, startE2ePlatform } from './e2e-platform';
import { PortalBrowser, SCREENSHOTS, buildPortalPage, openPortalBrowser } from './portal-browser';

/**
 * The tenant portal in a real browser (Debian's Chromium through playwright-core) on the whole
 * platform, with real loopback receivers: what a tenant's user does, through the page only.
 */
jest.setTimeout(240_000);

let platform: E2ePlatform;
let browser: PortalBrowser;
let receiver: DemoReceiver;
let tenant: { id: string; key: string };

beforeAll(async () => {
  buildPortalPage();
  [platform, browser, receiver] = await Promise.all([
    startE2ePlatform({ name: 'portal' }),
    openPortalBrowser(),
    startDemoReceiver({ port: 0, host: '127.0.0.1' }),
  ]);
  tenant = await platform.api.tenant(platform.stack.adminToken, 'portal');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await platform?.stop();
});

/** A portal link for the tenant, opened as its backend would (its own API key). */
async function portalLink(
  body: Record<string, unknown> = {},
): Promise<{ id: string; url: string }> {
  return platform.api.ok<{ id: string; url: string }>(
    tenant.key,
    'POST',
    '/v1/portal-sessions',
    body,
  );
}

async function openPortal(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  return page;
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe('the tenant portal', () => {
  it('opens from a link, keeps the token for the tab only and lists the subscriptions', async () => {
    await platform.api.ok(tenant.key, 'POST', '/v1/subscriptions', {
      url: `${receiver.url}/ok`,
      eventTypes: ['order.created'],
      description: 'orders to the warehouse',
    });
    const link = await portalLink();
    expect(link.url).toMatch(/\/portal\/#token=hps_/);
    const response = await fetch(link.url.split('#')[0]);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");

    const page = await openPortal(link.url);
    await page.getByRole('heading', { name: 'Subscriptions' }).waitFor();
    const row = page.getByRole('row', { name: /orders to the warehouse/ });
    await row.waitFor();
    await row.getByText('no deliveries').waitFor();
    await row.getByText('never').waitFor();
    expect(await row.textContent()).toContain('active');
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.evaluate("sessionStorage.getItem('herald.portal.token')")).toMatch(/^hps_/);
    await expect(page.getByText(`Tenant ${tenant.id}`).count()).resolves.toBe(1);
    await screenshot(page, 'portal-subscriptions');
    await page.close();
  });
});
