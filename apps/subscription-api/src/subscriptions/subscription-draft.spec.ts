import { DEFAULT_RETRY_LADDER } from '@herald/contracts';
import {
  applyPatch,
  buildSubscription,
  conditionIssues,
  semanticIssues,
} from './subscription-draft';

const ids = {
  id: 'sub_1',
  tenantId: 'acme',
  secret: { sealed: 'hsk1:k1:x', fingerprint: 'sha256:00', expiresAt: null },
  now: new Date('2026-01-01T00:00:00Z'),
};

describe('subscription draft', () => {
  it('fills every default', () => {
    const s = buildSubscription({ url: 'https://example.com', eventTypes: ['order.*'] }, ids);
    expect(s).toMatchObject({
      active: true,
      state: 'active',
      actions: [],
      timeoutMs: 5000,
      payloadFormat: 'herald',
      successRule: { statuses: ['2xx'], body: null },
      retryPolicy: { delays: [...DEFAULT_RETRY_LADDER], maxAttempts: 10 },
      disablePolicy: { failureThreshold: 10, windowMs: 600000, pauseMs: 3600000 },
      canary: { enabled: false, intervalMs: 8 * 3600000 },
      signing: {
        scheme: 'standard-webhooks',
        secrets: [{ sealed: 'hsk1:k1:x', fingerprint: 'sha256:00', expiresAt: null }],
      },
      revision: 1,
    });
    expect(semanticIssues(s)).toEqual([]);
  });

  it.each([
    ['$match(data.s, /(a)\\1/)', /regular expression \/\(a\)\\1\/ uses a backreference/],
    [`"${'x'.repeat(17_000)}"`, /^is longer than 16384 characters$/],
    ['{ "code": ', /^is not a usable JSONata expression: /],
  ])('refuses the template %s naming payloadTemplate', (payloadTemplate, message) => {
    const s = buildSubscription(
      { url: 'https://example.com', eventTypes: ['a'], payloadFormat: 'template', payloadTemplate },
      ids,
    );
    expect(semanticIssues(s)).toEqual([
      { field: 'payloadTemplate', message: expect.stringMatching(message) },
    ]);
  });

  it('merges nested policies on patch and takes presets', () => {
    const s = buildSubscription({ url: 'https://example.com', eventTypes: ['a'] }, ids);
    const p = applyPatch(s, {
      disablePolicy: { failureThreshold: 3 },
      retryPolicy: { preset: 'aggressive' },
    });
    expect(p.disablePolicy.failureThreshold).toBe(3);
    expect(p.disablePolicy.pauseMs).toBe(3600000);
    expect(p.retryPolicy.maxAttempts).toBe(6);
  });

  it('names the field of each semantic problem', () => {
    const s = buildSubscription(
      {
        url: 'https://example.com',
        eventTypes: ['a'],
        payloadFormat: 'template',
        payloadTemplate: '{ "code": ',
        headers: { 'Webhook-Signature': 'x', 'X-Ok': 'y' },
        retryPolicy: { delays: ['0s', '7s'], maxAttempts: 3 },
        entityId: '42',
      },
      ids,
    );
    expect(semanticIssues(s).map((i) => i.field)).toEqual([
      'payloadTemplate',
      'headers.Webhook-Signature',
      'retryPolicy.delays.1',
      'retryPolicy.maxAttempts',
      'entityType',
    ]);
  });

  it('accepts the supported condition operators and refuses others', () => {
    expect(
      conditionIssues({
        $and: [{ 'data.total': { $gte: 10 } }, { type: { $in: ['a', 'b'] } }],
        'data.name': { $regex: '^A', $options: 'i' },
        $or: [{ 'data.x': { $exists: true } }, { 'data.y': { $not: { $eq: 1 } } }],
      }),
    ).toEqual([]);
    expect(conditionIssues({ 'data.x': { $where: 'x' } })).toEqual([
      expect.objectContaining({ field: 'condition.data.x.$where' }),
    ]);
    expect(conditionIssues({ 'data.x': { $in: 3 } })[0].field).toBe('condition.data.x.$in');
    expect(conditionIssues({ 'data.x': { $regex: '(' } })[0].field).toBe('condition.data.x.$regex');
  });

  it.each([
    ['(a)\\1', 'backreference'],
    ['^(?!test)', 'lookahead or lookbehind'],
    ['a{2000}', 'invalid repeat count'],
    ['x'.repeat(513), 'longer than 512 characters'],
  ])('refuses the regex %s, which cannot run in linear time, naming the field', (regex, reason) => {
    expect(conditionIssues({ $or: [{ 'data.s': { $regex: regex } }] })).toEqual([
      { field: 'condition.$or.0.data.s.$regex', message: expect.stringContaining(reason) },
    ]);
  });

  it('accepts the catastrophic (a+)+$: it runs on the linear-time engine', () => {
    expect(conditionIssues({ 'data.s': { $regex: '(a+)+$' } })).toEqual([]);
  });
});
