import { ProblemException } from './problem';
import { RequestValidator } from './body-validator';
import { SchemaName } from './schemas';

const validator = new RequestValidator({
  maxCustomHeaders: 2,
  maxHeaderValueLength: 16,
  maxMetadataBytes: 64,
});

function issuesOf(name: SchemaName, body: unknown) {
  try {
    validator.body(name, body);
    return [];
  } catch (error) {
    return (error as ProblemException).problem.errors ?? [];
  }
}

const subscription = (extra: Record<string, unknown>) => ({
  url: 'https://example.com/hook',
  eventTypes: ['a'],
  ...extra,
});

describe('RequestValidator', () => {
  it('names nested, missing and unknown fields with dots', () => {
    const issues = issuesOf('SubscriptionCreate', {
      eventTypes: ['a'],
      retryPolicy: { maxAttempts: 0, extra: 1 },
      headers: { 'X-A': 5 },
    });
    expect(issues.map((i) => i.field).sort()).toEqual([
      'headers.X-A',
      'retryPolicy.extra',
      'retryPolicy.maxAttempts',
      'url',
    ]);
    expect(issues.find((i) => i.field === 'url')?.message).toBe('is required');
    expect(issues.find((i) => i.field === 'retryPolicy.extra')?.message).toBe(
      'is not a known field',
    );
  });

  it('accepts a valid body and refuses a missing one', () => {
    expect(validator.body('TenantCreate', { name: 'Acme' })).toEqual({ name: 'Acme' });
    expect(issuesOf('TenantCreate', undefined)).toEqual([
      { field: '$', message: 'a JSON body is required' },
    ]);
  });

  it.each([
    ['CR LF', 'a\r\nInjected: 1'],
    ['LF', 'a\nb'],
    ['NUL', 'a\u0000b'],
    ['a control character', 'a\u0007b'],
    ['a character beyond Latin-1', 'price €'],
    ['an emoji', '\ud83d\ude00'],
  ])('refuses a custom header value with %s', (_what, value) => {
    expect(issuesOf('SubscriptionCreate', subscription({ headers: { 'X-A': value } }))).toEqual([
      { field: 'headers.X-A', message: expect.stringMatching(/Latin-1.*no CR, LF/) },
    ]);
  });

  it('accepts Latin-1 header values with spaces and tabs', () => {
    expect(
      issuesOf('SubscriptionCreate', subscription({ headers: { 'X-A': 'caf\u00e9\t1' } })),
    ).toEqual([]);
  });

  it('refuses bad header names, too many headers and over-long values, naming each', () => {
    expect(issuesOf('SubscriptionCreate', subscription({ headers: { 'X A\r\n': 'v' } }))).toEqual([
      { field: 'headers.X A\\u000d\\u000a', message: 'is not an acceptable field name' },
    ]);
    expect(
      issuesOf('SubscriptionCreate', subscription({ headers: { a: '1', b: '2', c: '3' } })),
    ).toEqual([{ field: 'headers', message: 'must NOT have more than 2 properties' }]);
    expect(
      issuesOf('SubscriptionCreate', subscription({ headers: { a: 'x'.repeat(17) } })),
    ).toEqual([{ field: 'headers.a', message: 'must NOT have more than 16 characters' }]);
  });

  it('bounds metadata by its JSON size, for subscriptions and tenants', () => {
    const big = { k: 'v'.repeat(80) };
    expect(issuesOf('SubscriptionCreate', subscription({ metadata: big }))).toEqual([
      { field: 'metadata', message: expect.stringMatching(/at most 64 bytes/) },
    ]);
    expect(issuesOf('TenantCreate', { name: 'a', metadata: big })[0].field).toBe('metadata');
    expect(issuesOf('TenantCreate', { name: 'a', metadata: { k: 'v' } })).toEqual([]);
  });
});
