import { readFileSync } from 'fs';
import { join } from 'path';
import fc from 'fast-check';
import { HeraldEvent } from '@herald/contracts';
import { renderPayload } from './payload-renderer';
import { PACKT_TEMPLATE, TUTORIAL_ORDER_TEMPLATE, XENA_TEMPLATE } from './seed-formats';
import { DEFAULT_TEMPLATE_LIMITS } from './payload-template';

function event(overrides: Partial<HeraldEvent>): HeraldEvent {
  return {
    kind: 'herald.event',
    version: 1,
    id: 'evt_herald_1',
    tenantId: 'packt',
    type: 'product.changed',
    source: '/catalogue',
    subject: null,
    time: '2020-11-18T09:58:05Z',
    receivedAt: '2020-11-18T09:58:06.120Z',
    entityType: null,
    entityId: null,
    action: null,
    trigger: null,
    dataContentType: 'application/json',
    data: {},
    ...overrides,
  };
}

async function render(template: string, e: HeraldEvent): Promise<string> {
  const rendered = await renderPayload(
    { event: e, deliveryId: 'dlv_1', attempt: 1 },
    {
      id: 'sub_1',
      tenantId: e.tenantId ?? '',
      metadata: {},
      payloadFormat: 'template',
      payloadTemplate: template,
      contentType: 'json',
    },
    // The budgets are not under test here: a loaded CI machine may pause longer than 100 ms.
    { ...DEFAULT_TEMPLATE_LIMITS, timeoutMs: 10_000 },
  );
  return rendered.body;
}

describe('the seed payload formats', () => {
  it('renders the Packt example exactly, with the type code and the entity id', async () => {
    const body = await render(
      PACKT_TEMPLATE,
      event({
        entityType: 'product',
        entityId: '9781789955750',
        typeCode: '100',
        typeDescription: 'Product Information has been changed',
        data: {
          description: 'Author biography update for Python Machine Learning - Third Edition',
        },
      }),
    );
    expect(body).toBe(
      '{"code":"100","timestamp":"2020-11-18T09:58:05Z","id":"9781789955750","description":"Author biography update for Python Machine Learning - Third Edition"}',
    );
  });

  it('gives Packt the subject when there is no entity id, UTC to the second, and no description when none', async () => {
    const body = await render(
      PACKT_TEMPLATE,
      event({
        subject: '9781801819312',
        time: '2020-11-18T10:58:05.734+01:00',
        typeCode: '101',
      }),
    );
    expect(body).toBe('{"code":"101","timestamp":"2020-11-18T09:58:05Z","id":"9781801819312"}');
  });

  it.each([
    ['created', 'Created'],
    ['updated', 'Updated'],
    ['deleted', 'Deleted'],
  ] as const)('renders Xena %s as %s, the numeric id as a number', async (action, spelled) => {
    const body = await render(
      XENA_TEMPLATE,
      event({ entityType: 'article', entityId: '7', action }),
    );
    expect(body).toBe(`{"EntityType":"Article","EntityId":7,"EntityEvent":"${spelled}"}`);
  });

  it('keeps a Xena id that is not a number (or too long to be exact) a string', async () => {
    for (const id of ['A-7', '1234567890123456789', '07x']) {
      const body = JSON.parse(
        await render(
          XENA_TEMPLATE,
          event({ entityType: 'Article', entityId: id, action: 'updated' }),
        ),
      );
      expect(body).toEqual({ EntityType: 'Article', EntityId: id, EntityEvent: 'Updated' });
    }
  });

  it('renders Xena ids as numbers exactly when they are up to 15 digits (generated)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[0-9A-Za-z-]{1,20}$/), async (id) => {
        const body = JSON.parse(
          await render(XENA_TEMPLATE, event({ entityType: 'x', entityId: id, action: 'created' })),
        );
        expect(body.EntityId).toEqual(/^[0-9]{1,15}$/.test(id) ? Number(id) : id);
      }),
      { numRuns: 200, seed: 19 },
    );
  });

  it('renders the tutorial order_created example exactly', async () => {
    const body = await render(
      TUTORIAL_ORDER_TEMPLATE,
      event({
        type: 'order.created',
        entityType: 'order',
        entityId: '1234',
        action: 'created',
        data: { amount: 2499, status: 'confirmed', currency: 'INR' },
      }),
    );
    expect(body).toBe(
      '{"event":"order_created","order_id":1234,"amount":2499,"status":"confirmed"}',
    );
  });

  it('are the templates docs/seed-profiles.md shows', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/seed-profiles.md'), 'utf8');
    const blocks = [...doc.matchAll(/```jsonata\n([\s\S]*?)\n```/g)].map((m) => m[1]);
    expect(blocks).toEqual(
      expect.arrayContaining([PACKT_TEMPLATE, XENA_TEMPLATE, TUTORIAL_ORDER_TEMPLATE]),
    );
  });
});
