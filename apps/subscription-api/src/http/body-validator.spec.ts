import { ProblemException } from './problem';
import { validateBody } from './body-validator';

function issuesOf(name: Parameters<typeof validateBody>[0], body: unknown) {
  try {
    validateBody(name, body);
    return [];
  } catch (error) {
    return (error as ProblemException).problem.errors ?? [];
  }
}

describe('validateBody', () => {
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
    expect(validateBody('TenantCreate', { name: 'Acme' })).toEqual({ name: 'Acme' });
    expect(issuesOf('TenantCreate', undefined)).toEqual([
      { field: '$', message: 'a JSON body is required' },
    ]);
  });
});
