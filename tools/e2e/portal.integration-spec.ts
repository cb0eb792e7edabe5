import { join } from 'path';
import { Client } from 'pg';
import { Page } from 'playwright-core';
import { DemoReceiver, generateTestPki, startDemoReceiver } from '@herald/testing';
import { E2ePlatform, startE2ePlatform } from './e2e-platform';
import { PortalBrowser, SCREENSHOTS, buildPortalPage, openPortalBrowser } from './portal-browser';
import { eventuallyValue } from './public-api';

/**
 * The tenant portal in a real browser (Debian's Chromium through playwright-core) on the whole
 * platform, with real loopback receivers: what a tenant's user does, through the page only.
 */
jest.setTimeout(240_000);

let platform: E2ePlatform;
let browser: PortalBrowser;
let receiver: DemoReceiver;
let tenant: { id: string; key: string };
/** The subscription whose endpoint fails (its delivery dead-letters), from the third case on. */
let failingId: string;

beforeAll(async () => {
  buildPortalPage();
  [platform, browser, receiver] = await Promise.all([
    startE2ePlatform({ name: 'portal' }),
    openPortalBrowser(),
    startDemoReceiver({ port: 0, host: '127.0.0.1' }),
  ]);
  tenant = await platform.api.tenant(platform.stack.adminToken, 'portal');
  await platform.api.ok(tenant.key, 'POST', '/v1/event-types', {
    name: 'order.created',
    description: 'a new order',
  });
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

/** Presses Refresh until `done` holds (deliveries and attempts arrive asynchronously). */
async function refreshUntil(page: Page, done: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(300);
    await page.getByRole('button', { name: 'Refresh' }).click();
  }
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
    // Phone width: nothing wider than the screen, the table scrolls inside its own box.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, 'portal-phone');
    await page.close();
  });

  it('creates a subscription with a live template preview and sees its delivery arrive with the attempt', async () => {
    const page = await openPortal((await portalLink()).url);
    await page.getByRole('button', { name: 'New subscription' }).click();
    await page.getByLabel('Endpoint URL').fill(`${receiver.url}/ok`);
    await page.getByRole('checkbox', { name: /order\.created/ }).check();
    await page.getByLabel('Description').fill('created in the portal');
    await page.getByLabel('Payload format').selectOption('template');
    await page.getByLabel('Template', { exact: true }).fill('{"sum": 1 + 2, "type": type}');
    await expect(page.getByTestId('template-preview').textContent()).resolves.toBeDefined();
    await page.getByTestId('template-preview').getByText('"sum":3').waitFor();
    await page.getByLabel('Retry ladder').fill('0s, 1s');
    await page.getByLabel('Timeout (ms)').fill('50');
    await page.getByRole('button', { name: 'Create subscription' }).click();
    // The API's problem+json detail, next to the field it names.
    await page.locator('#f-timeout-error').waitFor();
    expect(await page.getByLabel('Timeout (ms)').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Timeout (ms)').fill('5000');
    // Custom headers and the disable policy: the API's refusal next to the policy's own field.
    await page.getByLabel('Custom headers').fill('X-Team: portal');
    await page.getByLabel('Failure window (ms)').fill('5');
    await page.getByRole('button', { name: 'Create subscription' }).click();
    await page.locator('#f-disable-windowMs-error').waitFor();
    expect(await page.getByLabel('Failure window (ms)').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Timeout (ms)').getAttribute('aria-invalid')).toBeNull();
    await page.getByLabel('Failure window (ms)').fill('60000');
    await page.getByRole('button', { name: 'Create subscription' }).click();
    await page.getByRole('heading', { name: 'Subscription created' }).waitFor();
    expect(await page.locator('code.secret').textContent()).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'Open the subscription' }).click();
    await page.getByRole('heading', { name: `${receiver.url}/ok` }).waitFor();
    await screenshot(page, 'portal-subscription');

    const created = await platform.api.ok<{
      items: {
        id: string;
        description: string;
        payloadFormat: string;
        retryPolicy: { delays: string[] };
        headers: Record<string, string>;
        disablePolicy: { windowMs: number };
      }[];
    }>(tenant.key, 'GET', '/v1/subscriptions');
    const mine = created.items.find((s) => s.description === 'created in the portal')!;
    expect(mine.payloadFormat).toBe('template');
    expect(mine.retryPolicy.delays).toEqual(['0s', '1s']);
    expect(mine.headers).toEqual({ 'X-Team': 'portal' });
    expect(mine.disablePolicy.windowMs).toBe(60000);

    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByText(/Test event sent/).waitFor();
    await page.getByRole('button', { name: 'Its deliveries' }).click();
    await page.getByRole('heading', { name: 'Deliveries' }).waitFor();
    await refreshUntil(
      page,
      async () => (await page.getByRole('cell', { name: 'succeeded' }).count()) > 0,
      'a succeeded delivery',
    );
    await page.getByRole('row').nth(1).getByRole('link').click();
    await page.getByRole('heading', { name: /Attempt 1: succeeded HTTP 200/ }).waitFor();
    expect(
      receiver.deliveries.some(
        (d) => d.path === '/ok' && d.body.includes('"sum":3') && d.headers['x-team'] === 'portal',
      ),
    ).toBe(true);
    await page.close();
  });

  it("shows a failing endpoint's attempts, filtered by subscription and status", async () => {
    const failing = await platform.api.ok<{ id: string }>(tenant.key, 'POST', '/v1/subscriptions', {
      url: `${receiver.url}/fail`,
      eventTypes: ['order.created'],
      description: 'always failing',
      retryPolicy: { delays: ['0s', '1s'], maxAttempts: 2 },
      credential: { type: 'header', name: 'X-Api-Key', value: 'k-portal-9d1e' },
    });
    failingId = failing.id;
    await platform.api.ok(tenant.key, 'POST', `/v1/subscriptions/${failing.id}/test`);
    const page = await openPortal((await portalLink()).url);
    await page.getByRole('navigation').getByRole('button', { name: 'Deliveries' }).click();
    await page.getByLabel('Subscription id').fill(failing.id);
    await page.getByLabel('Event type').fill('herald.test'); // what test events are
    await page.getByLabel('Status').selectOption('dead');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await refreshUntil(
      page,
      async () => (await page.getByRole('cell', { name: 'dead' }).count()) > 0,
      'the failing delivery to be dead-lettered',
    );
    await page.getByLabel('Event type').fill('order.created');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No deliveries match.').waitFor();
    await page.getByLabel('Event type').fill('herald.test');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('cell', { name: 'dead' }).waitFor();
    await page.getByRole('row').nth(1).getByRole('link').click();
    await page.getByRole('heading', { name: /Attempt 2: failed HTTP 500/ }).waitFor();
    expect(await page.getByRole('heading', { name: /Attempt 1: failed HTTP 500/ }).count()).toBe(1);
    // Each attempt shows the request as sent: the signature headers, the body, and the static
    // credential header whose value the receiver got but the attempt log never holds.
    const sent = receiver.deliveries.filter((d) => d.path === '/fail');
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent[0].headers['x-api-key']).toBe('k-portal-9d1e');
    const attempt = page.locator('li.attempt').first();
    await attempt.getByText('Request headers (credentials redacted)').click();
    const headers = (await attempt.getByTestId('request-headers').locator('pre').textContent())!;
    expect(headers).toContain(`webhook-id: ${sent[0].headers['webhook-id']}`);
    expect(headers).toContain(`webhook-signature: ${sent[0].headers['webhook-signature']}`);
    expect(headers).toContain('x-api-key: [redacted]');
    expect(headers).not.toContain('k-portal-9d1e');
    await attempt.getByText('Request body (capped)').click();
    expect(await attempt.getByTestId('request-body').locator('pre').textContent()).toBe(
      sent[0].body,
    );
    await screenshot(page, 'portal-delivery');
    await page.close();
  });

  it('rotates a secret with an overlap and shows when the old one expires', async () => {
    const sub = await platform.api.ok<{ id: string; secret: string }>(
      tenant.key,
      'POST',
      '/v1/subscriptions',
      { url: `${receiver.url}/ok`, eventTypes: ['order.created'], description: 'to rotate' },
    );
    const page = await openPortal((await portalLink()).url);
    await page
      .getByRole('link', { name: `${receiver.url}/ok` })
      .first()
      .waitFor();
    await page
      .getByRole('row', { name: /to rotate/ })
      .getByRole('link')
      .click();
    await page.getByRole('button', { name: 'Reveal secret' }).click();
    expect(await page.getByTestId('revealed-secret').textContent()).toBe(sub.secret);
    await page.getByLabel('Overlap').selectOption({ label: '24 hours' });
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('button', { name: 'Yes, rotate secret' }).click();
    await page.getByText('Secret rotated.').waitFor();
    const revealed = await page.getByTestId('revealed-secret').textContent();
    expect(revealed).toMatch(/^whsec_/);
    expect(revealed).not.toBe(sub.secret);
    // The notice comes first; the list follows when the subscription is read again.
    await page.getByTestId('secret-expiry').nth(1).waitFor();
    const expiries = await page.getByTestId('secret-expiry').allTextContents();
    expect(expiries).toHaveLength(2);
    expect(expiries.filter((e) => e.startsWith('current'))).toHaveLength(1);
    const current = await platform.api.ok<{ secret: string }>(
      tenant.key,
      'GET',
      `/v1/subscriptions/${sub.id}/secret`,
    );
    expect(current.secret).toBe(revealed);
    await page.close();
  });

  it('chooses signatures and a receiver credential, and a delivery carries them', async () => {
    const sub = await platform.api.ok<{ id: string }>(tenant.key, 'POST', '/v1/subscriptions', {
      url: `${receiver.url}/signed`,
      eventTypes: ['order.created'],
      description: 'signed from the portal',
    });
    const page = await openPortal((await portalLink()).url);
    await page
      .getByRole('row', { name: /signed from the portal/ })
      .getByRole('link')
      .click();
    await page.getByRole('heading', { name: 'Signatures and authentication' }).waitFor();
    await page.getByLabel(/v1a, ed25519/).check();
    await page.getByLabel('Algorithm', { exact: true }).selectOption('ed25519');
    await page.getByLabel('Covered components').fill('@method @authority content-digest');
    await page.getByLabel('Credential').selectOption('header');
    // A header Herald sets itself: the API's problem detail appears next to the field.
    await page.getByLabel('Header name').fill('webhook-signature');
    await page.getByLabel('Header value').fill('k-123');
    await page.getByRole('button', { name: 'Save signatures and authentication' }).click();
    await page.locator('#sec-header-name-error').waitFor();
    expect(await page.getByLabel('Header name').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Header name').fill('X-Api-Key');
    await page.getByRole('button', { name: 'Save signatures and authentication' }).click();
    await page.getByText('Signatures and authentication saved.').waitFor();
    await page
      .getByTestId('stored-credential')
      .getByText(/header X-Api-Key/)
      .waitFor();
    expect(await page.getByTestId('stored-credential').textContent()).not.toContain('k-123');
    await screenshot(page, 'portal-signing');

    const saved = await platform.api.ok<{
      signing: { options: Record<string, unknown> };
      credential: { type: string; name: string };
    }>(tenant.key, 'GET', `/v1/subscriptions/${sub.id}`);
    expect(saved.signing.options).toMatchObject({
      standardWebhooks: { symmetric: true, asymmetric: true },
      httpMessageSignatures: {
        algorithm: 'ed25519',
        components: ['@method', '@authority', 'content-digest'],
      },
    });
    expect(saved.credential).toMatchObject({ type: 'header', name: 'X-Api-Key' });

    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByText(/Test event sent/).waitFor();
    const delivery = await eventuallyValue('the signed test delivery', () =>
      receiver.deliveries.find((d) => d.path === '/signed'),
    );
    expect(delivery.headers['x-api-key']).toBe('k-123');
    expect(delivery.headers['webhook-signature']).toMatch(/(^| )v1,\S+ v1a,|(^| )v1a,/);
    expect(delivery.headers['signature-input']).toMatch(
      /\("@method" "@authority" "content-digest"\);created=\d+;keyid="/,
    );
    await page.close();
  });

  it('stores mutual TLS material from the page and shows only its summary', async () => {
    const pki = generateTestPki();
    const sub = await platform.api.ok<{ id: string }>(tenant.key, 'POST', '/v1/subscriptions', {
      url: `${receiver.url}/mtls`,
      eventTypes: ['order.created'],
      description: 'mutual tls from the portal',
    });
    const page = await openPortal((await portalLink()).url);
    await page
      .getByRole('row', { name: /mutual tls from the portal/ })
      .getByRole('link')
      .click();
    await page.getByLabel('Client certificate (PEM)').fill(pki.clientCertificate);
    await page.getByLabel('Client key (PEM, write-only)').fill(pki.clientKey);
    await page.getByLabel('CA certificates (PEM)').fill(pki.caCertificate);
    await page.getByRole('button', { name: 'Save signatures and authentication' }).click();
    await page.getByText('Signatures and authentication saved.').waitFor();
    await page
      .getByTestId('stored-tls')
      .getByText(/Stored: client certificate .*CN=/)
      .waitFor();
    expect(await page.getByLabel('Client key (PEM, write-only)').inputValue()).toBe('');
    const saved = await platform.api.ok<{
      tls: { clientKey: { fingerprint: string }; ca: { subject: string } };
    }>(tenant.key, 'GET', `/v1/subscriptions/${sub.id}`);
    expect(saved.tls.clientKey.fingerprint).toMatch(/^sha256:/);
    expect(saved.tls.ca.subject).toContain('CN=');
    expect(JSON.stringify(saved)).not.toContain('PRIVATE KEY');
    await page.close();
  });

  it('a read-only session can look but not change anything, in the page or through the API', async () => {
    const page = await openPortal((await portalLink({ readOnly: true })).url);
    await page.getByText('read-only').first().waitFor();
    expect(await page.getByRole('button', { name: 'New subscription' }).count()).toBe(0);
    await page
      .getByRole('row', { name: /orders to the warehouse/ })
      .getByRole('link')
      .click();
    for (const name of [
      'Edit',
      'Pause',
      'Send test event',
      'Delete',
      'Rotate secret',
      'Reveal secret',
    ]) {
      expect([name, await page.getByRole('button', { name, exact: true }).isDisabled()]).toEqual([
        name,
        true,
      ]);
    }
    // The page's own token, used as any script in the tab could: the API refuses the change.
    const status = await page.evaluate(`(async () => {
      const token = sessionStorage.getItem('herald.portal.token');
      const headers = { authorization: 'Bearer ' + token, 'content-type': 'application/json' };
      const list = await (await fetch('/v1/subscriptions', { headers })).json();
      const patch = await fetch('/v1/subscriptions/' + list.items[0].id, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ active: false }),
      });
      return patch.status;
    })()`);
    expect(status).toBe(403);
    await page.close();
  });

  it('refuses a revoked link and an expired one', async () => {
    const revoked = await portalLink();
    const page = await openPortal(revoked.url);
    await page.getByRole('heading', { name: 'Subscriptions' }).waitFor();
    await platform.api.ok(tenant.key, 'DELETE', `/v1/portal-sessions/${revoked.id}`);
    await page.reload(); // the tab's stored token, refused at once
    await page.getByText(/expired or was revoked/).waitFor();

    const expired = await portalLink();
    const db = new Client({ connectionString: platform.database.url });
    await db.connect();
    try {
      await db.query(
        "UPDATE portal_sessions SET expires_at = now() - interval '1 second' WHERE id = $1",
        [expired.id],
      );
    } finally {
      await db.end();
    }
    await page.goto(expired.url);
    await page.getByText(/expired or was revoked/).waitFor();
    expect(await page.getByRole('heading', { name: 'Subscriptions' }).count()).toBe(0);
    await page.close();
  });

  it('charts the attempts of a subscription, successes and failures', async () => {
    const page = await openPortal((await portalLink()).url);
    await page
      .getByRole('row', { name: /always failing/ })
      .getByRole('link')
      .click();
    await page
      .getByTestId('chart-totals')
      .getByText(/0 succeeded, 2 failed/)
      .waitFor();
    expect(await page.locator('.chart canvas').count()).toBe(1);
    expect(await page.getByRole('img', { name: /2 failed/ }).count()).toBe(1);
    await screenshot(page, 'portal-chart');
    await page.close();
  });

  it('redrives a dead letter once the endpoint is fixed, and replays a time range', async () => {
    await platform.api.ok(tenant.key, 'PATCH', `/v1/subscriptions/${failingId}`, {
      url: `${receiver.url}/ok?fixed=1`,
    });
    const page = await openPortal((await portalLink()).url);
    await page.getByRole('navigation').getByRole('button', { name: 'Recovery' }).click();
    await page.getByLabel('Subscription id').fill(failingId);
    await page.getByRole('button', { name: 'Show' }).click();
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('button', { name: 'Redrive' }) });
    await row.waitFor();
    await screenshot(page, 'portal-recovery');
    await row.getByRole('button', { name: 'Redrive' }).click();
    await page.getByText('Redriven: 1 dead letter sent again.').waitFor();
    await eventually('the redriven delivery at the fixed endpoint', () =>
      receiver.deliveries.some((d) => d.path === '/ok' && d.status === 200 && d.attempt >= 1),
    );
    await page.getByLabel('Which').selectOption('all');
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    const replayed = page.getByText(/^Replay succeeded: \d+ sent again, \d+ skipped\.$/);
    await replayed.waitFor();
    const [sent, skipped] = ((await replayed.textContent()) ?? '').match(/\d+/g)!.map(Number);
    expect(sent + skipped).toBeGreaterThanOrEqual(1);
    await page.close();
  });

  it('lists the events held for a paused subscription and discards them; a read-only session cannot', async () => {
    const page = await openPortal((await portalLink()).url);
    await page
      .getByRole('row', { name: /orders to the warehouse/ })
      .getByRole('link')
      .click();
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByText(/Paused/).waitFor();
    const id = (await page.locator('dl.facts dd').first().textContent())!;
    const heldCount = async () =>
      (await platform.api.ok<{ count: number }>(tenant.key, 'GET', `/v1/subscriptions/${id}/held`))
        .count;
    // The matcher learns of the pause through the changelog: publish until two events are held.
    await eventually('two held deliveries', async () => {
      if ((await heldCount()) >= 2) return true;
      await platform.api.produce({ type: 'order.created', tenantid: tenant.id, data: { n: 1 } });
      return false;
    });
    const count = await heldCount();
    // On the subscription's own page, and with every detail in the recovery view.
    const onPage = page.getByRole('region', { name: /Held events/ });
    await onPage.getByRole('button', { name: 'Refresh held events' }).click();
    await onPage.getByTestId('held-count').getByText(`(${count})`).waitFor();
    await page.getByRole('button', { name: 'Dead letters and replay' }).click();
    const held = page.getByRole('region', { name: /Held events/ });
    await held.getByTestId('held-count').getByText(`(${count})`).waitFor();
    await held.getByText(/released automatically, oldest first, when it is reactivated/).waitFor();
    expect(await held.getByRole('row').count()).toBe(count + 1); // the header row and each event
    expect(await held.getByRole('button', { name: 'Reactivate' }).count()).toBe(1);
    await screenshot(page, 'portal-held');

    // Read-only: the page offers no discard, and the API refuses the token's own DELETE.
    const viewer = await openPortal((await portalLink({ readOnly: true })).url);
    await viewer.getByRole('navigation').getByRole('button', { name: 'Recovery' }).click();
    await viewer.getByLabel('Subscription id').fill(id);
    await viewer.getByRole('button', { name: 'Show' }).click();
    const viewerHeld = viewer.getByRole('region', { name: /Held events/ });
    await viewerHeld.getByTestId('held-count').getByText(`(${count})`).waitFor();
    expect(await viewerHeld.getByRole('button', { name: 'Discard held events' }).isDisabled()).toBe(
      true,
    );
    const refused = await viewer.evaluate(`(async () => {
      const token = sessionStorage.getItem('herald.portal.token');
      const r = await fetch('/v1/subscriptions/${id}/held', {
        method: 'DELETE',
        headers: { authorization: 'Bearer ' + token },
      });
      return r.status;
    })()`);
    expect(refused).toBe(403);
    expect(await heldCount()).toBe(count);
    await viewer.close();

    // Discard, with the confirmation taking the focus; none of them is sent after reactivation.
    const heldIds = (
      await platform.api.ok<{ items: { id: string }[] }>(
        tenant.key,
        'GET',
        `/v1/subscriptions/${id}/held?limit=100`,
      )
    ).items.map((d) => d.id);
    expect(heldIds).toHaveLength(count);
    await held.getByRole('button', { name: 'Discard held events' }).click();
    const yes = held.getByRole('button', { name: 'Yes, discard held events' });
    await yes.waitFor();
    expect(await page.evaluate('document.activeElement?.textContent')).toBe(
      'Yes, discard held events',
    );
    await page.keyboard.press('Enter');
    await held.getByText(`Discarded: ${count} held event${count === 1 ? '' : 's'}.`).waitFor();
    await held.getByTestId('held-count').getByText('(0)').waitFor();
    await held.getByText('Nothing is held.').waitFor();
    expect(await heldCount()).toBe(0);
    await held.getByRole('button', { name: 'Reactivate' }).click();
    await held.getByText(/Reactivated/).waitFor();
    await held.getByRole('button', { name: 'Reactivate' }).waitFor({ state: 'detached' });
    // Delivering again: publish until a new event reaches the endpoint.
    const delivered = async () =>
      (
        await platform.api.ok<{ items: { id: string }[] }>(
          tenant.key,
          'GET',
          `/v1/deliveries?subscriptionId=${id}&status=succeeded&limit=100`,
        )
      ).items.some(
        (d) => !heldIds.includes(d.id) && receiver.deliveries.some((r) => r.webhookId === d.id),
      );
    await eventually('a delivery after reactivation', async () => {
      if (await delivered()) return true;
      await platform.api.produce({ type: 'order.created', tenantid: tenant.id, data: { n: 2 } });
      return false;
    });
    expect(receiver.deliveries.filter((r) => heldIds.includes(r.webhookId))).toEqual([]);
    const discarded = await platform.api.ok<{ items: { id: string }[] }>(
      tenant.key,
      'GET',
      `/v1/deliveries?subscriptionId=${id}&status=discarded&limit=100`,
    );
    expect(discarded.items.map((d) => d.id).sort()).toEqual([...heldIds].sort());
    await page.close();
  });
});

async function eventually(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
