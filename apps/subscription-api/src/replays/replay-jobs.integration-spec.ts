import { DataSource } from 'typeorm';
import { HeraldEvent, HeraldTopic, PayloadOf, TOPICS } from '@herald/contracts';
import { baseEvent } from '@herald/contracts/testing';
import type { OutgoingMessage } from '@herald/kafka';
import { EventStore } from '@herald/persistence';
import { TestDatabase, createTestDatabase } from '@herald/testing';
import { RecordingBus, RunningApi, client, endedReplay, startApi } from '../testing/api-harness';

const ADMIN = 'hadm_replay_admin_token';
const PAGE_SIZE = 500;

jest.setTimeout(120_000);

/** A bus whose sends can be held at a gate: a job stops mid-window where a spec wants it. */
class GatedBus extends RecordingBus {
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;
  /** Sends that reached the gate while it was closed. */
  waiting = 0;

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = undefined;
  }

  override async send<T extends HeraldTopic>(
    topic: T,
    messages: OutgoingMessage<PayloadOf<T>>[],
  ): Promise<void> {
    const gate = this.gate;
    if (gate && topic === TOPICS.deliveries) {
      this.waiting += 1;
      await gate;
      this.waiting -= 1;
    }
    return super.send(topic, messages);
  }

  deliveries(): number {
    return this.on(TOPICS.deliveries).length;
  }
}

describe('replay jobs (POST /v1/replays)', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let bus: GatedBus;
  let admin: ReturnType<typeof client>;
  const tenants: Record<string, ReturnType<typeof client>> = {};
  let store: EventStore;
  const receivedAt = Date.now() - 3_600_000;
  const since = new Date(receivedAt - 1_000).toISOString();

  const env = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: db.url,
    HERALD_ADMIN_TOKEN: ADMIN,
    HERALD_OUTBOX_POLL_MS: '50',
    HERALD_REPLAY_PAGE_SIZE: String(PAGE_SIZE),
    HERALD_REPLAY_POLL_MS: '50',
    HERALD_REPLAY_LEASE_MS: '1000',
    HERALD_DATABASE_POOL_SIZE: '4',
    ...extra,
  });

  async function tenant(id: string): Promise<ReturnType<typeof client>> {
    await admin('POST', '/v1/tenants', { id, name: id });
    const key = (await admin('POST', `/v1/tenants/${id}/api-keys`, {})).body.key;
    tenants[id] = client(api.url, key);
    return tenants[id];
  }

  async function storeEvents(tenantId: string, prefix: string, count: number): Promise<void> {
    const event = (i: number): HeraldEvent =>
      baseEvent({
        id: `${prefix}-${i}`,
        tenantId,
        type: 'bulk.created',
        receivedAt: new Date(receivedAt + i).toISOString(),
        data: { i },
      });
    for (let i = 0; i < count; i += 1_000) {
      await store.insertMany(
        Array.from({ length: Math.min(1_000, count - i) }, (_, k) => event(i + k)),
      );
    }
  }

  async function subscribe(call: ReturnType<typeof client>): Promise<string> {
    const created = await call('POST', '/v1/subscriptions', {
      url: 'https://93.184.215.14/hook',
      eventTypes: ['bulk.*'],
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  async function until(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    bus = new GatedBus();
    api = await startApi(env(), { bus });
    admin = client(api.url, ADMIN);
    store = new EventStore(api.app.get(DataSource));
    await tenant('acme');
  });

  afterAll(async () => {
    bus?.release();
    await api?.close();
    await db?.drop();
  });

  it('goes through 12,000 stored events in pages of 500, past the old 10,000 cap, with progress', async () => {
    const acme = tenants.acme;
    const sub = await subscribe(acme);
    await storeEvents('acme', 'big', 12_000);
    const before = bus.deliveries();
    bus.hold();
    const started = await acme('POST', '/v1/replays', {
      subscriptionId: sub,
      since,
      status: 'all',
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ subscriptionId: sub, status: 'all', since });
    await until('the first page at the gate', () => bus.waiting === 1);
    const running = (await acme('GET', `/v1/replays/${started.body.id}`)).body;
    expect(running).toMatchObject({ state: 'running', progress: { enqueued: 0 } });
    expect(running.startedAt).not.toBeNull();
    bus.release();
    const ended = await endedReplay(acme, started.body.id, 60_000);
    expect(ended).toMatchObject({
      state: 'succeeded',
      progress: { scanned: 12_000, enqueued: 12_000, skipped: 0 },
      error: null,
    });
    expect(ended.finishedAt).not.toBeNull();
    const sent = bus.on(TOPICS.deliveries).slice(before);
    expect(sent).toHaveLength(12_000);
    expect(new Set(sent.map((m) => (m.value as { event: { id: string } }).event.id)).size).toBe(
      12_000,
    );
    // Oldest first: the stored order of the window.
    expect((sent[0].value as { event: { id: string } }).event.id).toBe('big-0');
    expect((sent[11_999].value as { event: { id: string } }).event.id).toBe('big-11999');
  });

  it('cancels a running job before its next page; an ended job cannot be cancelled', async () => {
    const initech = await tenant('initech');
    const sub = await subscribe(initech);
    await storeEvents('initech', 'cancel', 2_000);
    bus.hold();
    const job = (
      await initech('POST', '/v1/replays', { subscriptionId: sub, since, status: 'all' })
    ).body;
    await until('the first page at the gate', () => bus.waiting === 1);
    const cancelled = await initech('POST', `/v1/replays/${job.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');
    bus.release();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = (await initech('GET', `/v1/replays/${job.id}`)).body;
    expect(after.state).toBe('cancelled');
    // The page in flight went out; no page after it.
    expect(after.progress.enqueued).toBeLessThanOrEqual(PAGE_SIZE);
    const again = await initech('POST', `/v1/replays/${job.id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.errors[0].field).toBe('id');
  });

  it('is taken over where its last page ended when the instance running it stops answering', async () => {
    const hooli = await tenant('hooli');
    const sub = await subscribe(hooli);
    await storeEvents('hooli', 'takeover', 2_500);
    // A second instance of the API on the same database, with a bus that never hangs.
    const otherBus = new RecordingBus();
    bus.hold();
    const job = (await hooli('POST', '/v1/replays', { subscriptionId: sub, since, status: 'all' }))
      .body;
    await until('the first page at the gate', () => bus.waiting === 1);
    // The first instance is stuck in its first page (a hung broker): its lease runs out.
    const other = await startApi(env(), { bus: otherBus });
    try {
      const ended = await endedReplay(hooli, job.id, 60_000);
      expect(ended).toMatchObject({
        state: 'succeeded',
        progress: { scanned: 2_500, enqueued: 2_500 },
      });
      const ids = otherBus
        .on(TOPICS.deliveries)
        .map((m) => (m.value as { event: { id: string } }).event.id);
      // The whole window from the start (the stuck page never finished), each event once.
      expect(new Set(ids).size).toBe(2_500);
    } finally {
      bus.release();
      await other.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The stuck instance's page went out late (at least once), but it recorded nothing more.
    expect((await hooli('GET', `/v1/replays/${job.id}`)).body.progress.enqueued).toBe(2_500);
  });

  it('counts each page once when this instance takes over its own run after the lease ran out', async () => {
    const tyrell = await tenant('tyrell');
    const sub = await subscribe(tyrell);
    await storeEvents('tyrell', 'self-takeover', 1_500);
    bus.hold();
    const sentBefore = bus.deliveries();
    const job = (await tyrell('POST', '/v1/replays', { subscriptionId: sub, since, status: 'all' }))
      .body;
    // The first run hangs in its first page past the 1 s lease; the same instance, with a
    // runner free, claims the job again and its second run reaches the gate too.
    await until('a second run of the job at the gate', () => bus.waiting === 2);
    bus.release();
    const ended = await endedReplay(tyrell, job.id, 60_000);
    expect(ended).toMatchObject({
      state: 'succeeded',
      progress: { scanned: 1_500, enqueued: 1_500, skipped: 0 },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The stale run's first page went out (at least once) and then it stopped: 3 pages, plus 1.
    expect(bus.deliveries() - sentBefore).toBe(1_500 + PAGE_SIZE);
    expect((await tyrell('GET', `/v1/replays/${job.id}`)).body.progress.enqueued).toBe(1_500);
  });

  it('runs one job of a tenant at a time, so another tenant is not kept waiting', async () => {
    const umbrella = await tenant('umbrella');
    const cyberdyne = await tenant('cyberdyne');
    const umbrellaSub = await subscribe(umbrella);
    const cyberdyneSub = await subscribe(cyberdyne);
    await storeEvents('umbrella', 'fair', 600);
    await storeEvents('cyberdyne', 'fair', 600);
    bus.hold();
    const first = (
      await umbrella('POST', '/v1/replays', { subscriptionId: umbrellaSub, since, status: 'all' })
    ).body;
    await until('the first page at the gate', () => bus.waiting === 1);
    const second = (
      await umbrella('POST', '/v1/replays', { subscriptionId: umbrellaSub, since, status: 'all' })
    ).body;
    const other = (
      await cyberdyne('POST', '/v1/replays', {
        subscriptionId: cyberdyneSub,
        since,
        status: 'all',
      })
    ).body;
    await until('the other tenant at the gate too', () => bus.waiting === 2);
    expect((await umbrella('GET', `/v1/replays/${second.id}`)).body.state).toBe('queued');
    expect((await cyberdyne('GET', `/v1/replays/${other.id}`)).body.state).toBe('running');
    bus.release();
    for (const [call, id] of [
      [umbrella, first.id],
      [umbrella, second.id],
      [cyberdyne, other.id],
    ] as const) {
      expect((await endedReplay(call, id)).state).toBe('succeeded');
    }
  });

  it('refuses more live jobs than the limit, bad windows and unknown subscriptions, naming the field', async () => {
    const soylent = await tenant('soylent');
    const sub = await subscribe(soylent);
    await storeEvents('soylent', 'limit', 10);
    bus.hold();
    const live: string[] = [];
    try {
      // The first runs into the gate; the tenant's other nine wait queued behind it.
      for (let i = 0; i < 10; i++) {
        const res = await soylent('POST', '/v1/replays', {
          subscriptionId: sub,
          since,
          status: 'all',
        });
        expect(res.status).toBe(202);
        live.push(res.body.id);
      }
      const refused = await soylent('POST', '/v1/replays', { subscriptionId: sub, since });
      expect(refused.status).toBe(429);
      expect(refused.contentType).toContain('application/problem+json');
      expect(refused.body.errors[0].field).toBe('limits.replayJobs');
      // Another tenant is not affected by this tenant's jobs.
      expect(
        (await tenants.acme('POST', '/v1/replays', { subscriptionId: 'sub_nope', since })).body
          .errors[0].field,
      ).toBe('subscriptionId');
    } finally {
      for (const id of live) await soylent('POST', `/v1/replays/${id}/cancel`);
      bus.release();
    }
    const bad = async (body: Record<string, unknown>) =>
      (await soylent('POST', '/v1/replays', body)).body.errors[0].field;
    expect(await bad({ subscriptionId: sub, since: 'yesterday' })).toBe('since');
    expect(await bad({ subscriptionId: sub, since, until: since })).toBe('until');
    expect(
      await bad({ subscriptionId: sub, since: new Date(Date.now() + 60_000).toISOString() }),
    ).toBe('since');
    expect(await bad({ subscriptionId: sub, since, status: 'some' })).toBe('status');
    expect(await bad({ since })).toBe('subscriptionId');
    // Another tenant's subscription is unknown here, and so are its jobs.
    expect(
      (
        await soylent('POST', '/v1/replays', {
          subscriptionId: await subscribe(tenants.acme),
          since,
        })
      ).status,
    ).toBe(404);
    expect((await soylent('GET', `/v1/replays/${live[0]}/cancel`)).status).toBe(404);
  });

  it('lists a tenant’s jobs newest first in pages, filtered; a limited portal session sees its own', async () => {
    const wonka = await tenant('wonka');
    const mine = await subscribe(wonka);
    const theirs = await subscribe(wonka);
    const ids: string[] = [];
    for (const subscriptionId of [mine, theirs, mine]) {
      const job = (await wonka('POST', '/v1/replays', { subscriptionId, since })).body;
      ids.push(job.id);
      await endedReplay(wonka, job.id);
    }
    const first = (await wonka('GET', '/v1/replays?limit=2')).body;
    expect(first.items.map((j: { id: string }) => j.id)).toEqual([ids[2], ids[1]]);
    const rest = (await wonka('GET', `/v1/replays?limit=2&cursor=${first.nextCursor}`)).body;
    expect(rest).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    const filtered = (await wonka('GET', `/v1/replays?subscriptionId=${theirs}&state=succeeded`))
      .body;
    expect(filtered.items.map((j: { id: string }) => j.id)).toEqual([ids[1]]);
    expect((await wonka('GET', '/v1/replays?state=done')).body.errors[0].field).toBe('state');
    expect(
      (await tenants.acme('GET', '/v1/replays?limit=100')).body.items.map(
        (j: { id: string }) => j.id,
      ),
    ).not.toContain(ids[0]);

    const session = (await wonka('POST', '/v1/portal-sessions', { subscriptionIds: [mine] })).body;
    const portal = client(api.url, session.token);
    const seen = (await portal('GET', '/v1/replays')).body.items.map((j: { id: string }) => j.id);
    expect(seen).toEqual([ids[2], ids[0]]);
    expect((await portal('GET', `/v1/replays/${ids[1]}`)).status).toBe(404);
    expect((await portal('POST', '/v1/replays', { subscriptionId: theirs, since })).status).toBe(
      404,
    );
    expect((await portal('POST', '/v1/replays', { subscriptionId: mine, since })).status).toBe(202);
    const readOnly = client(
      api.url,
      (await wonka('POST', '/v1/portal-sessions', { readOnly: true })).body.token,
    );
    expect((await readOnly('GET', '/v1/replays')).status).toBe(200);
    expect((await readOnly('POST', '/v1/replays', { subscriptionId: mine, since })).status).toBe(
      403,
    );
  });

  it('fails a job whose subscription is deleted while it runs', async () => {
    const stark = await tenant('stark');
    const sub = await subscribe(stark);
    await storeEvents('stark', 'gone', 1_200);
    bus.hold();
    const job = (await stark('POST', '/v1/replays', { subscriptionId: sub, since, status: 'all' }))
      .body;
    await until('the first page at the gate', () => bus.waiting === 1);
    expect((await stark('DELETE', `/v1/subscriptions/${sub}`)).status).toBe(204);
    bus.release();
    expect(await endedReplay(stark, job.id)).toMatchObject({
      state: 'failed',
      error: 'the subscription was deleted',
      progress: { enqueued: PAGE_SIZE },
    });
  });
});
