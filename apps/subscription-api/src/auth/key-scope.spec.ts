import { scopeRefusal } from './key-scope';

describe('API key scopes', () => {
  const routes: [string, string][] = [
    ['GET', '/v1/subscriptions'],
    ['GET', '/v1/subscriptions/:id'],
    ['GET', '/v1/subscriptions/:id/secret'],
    ['GET', '/v1/api-keys'],
    ['POST', '/v1/subscriptions'],
    ['PATCH', '/v1/subscriptions/:id'],
    ['DELETE', '/v1/subscriptions/:id'],
    ['POST', '/v1/events'],
    ['GET', '/v1/events/:id'],
    ['POST', '/v1/api-keys'],
  ];
  const allowed = (scope: 'read-only' | 'ingest-only' | 'manage') =>
    routes.filter(([m, r]) => scopeRefusal(scope, m, r) === undefined).map(([m, r]) => `${m} ${r}`);

  it('manage: every route', () => {
    expect(allowed('manage')).toHaveLength(routes.length);
  });

  it('read-only: GETs only, not the secret reveal or the key list', () => {
    expect(allowed('read-only')).toEqual([
      'GET /v1/subscriptions',
      'GET /v1/subscriptions/:id',
      'GET /v1/events/:id',
    ]);
    expect(scopeRefusal('read-only', 'POST', '/v1/events')).toMatch(/read-only/);
  });

  it('ingest-only: POST /v1/events only', () => {
    expect(allowed('ingest-only')).toEqual(['POST /v1/events']);
    expect(scopeRefusal('ingest-only', 'GET', '/v1/subscriptions')).toMatch(/ingest-only/);
  });

  it('refuses an unknown route for a limited key', () => {
    expect(scopeRefusal('read-only', 'GET', undefined)).toMatch(/read-only/);
  });
});
