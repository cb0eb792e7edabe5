import { ApiError, HeraldClient, fieldRoot, fillPath, queryString } from './client';

function answering(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetcher = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { calls, fetcher };
}

describe('the portal API client', () => {
  it('fills path parameters encoded and drops empty query parameters', () => {
    expect(fillPath('/v1/subscriptions/{id}/stats', { id: 'a/b c' })).toBe(
      '/v1/subscriptions/a%2Fb%20c/stats',
    );
    expect(() => fillPath('/v1/subscriptions/{id}', {})).toThrow(/id is missing/);
    expect(queryString({ limit: '20', cursor: undefined, status: '' })).toBe('?limit=20');
    expect(queryString({})).toBe('');
  });

  it('sends the session token as a bearer and JSON bodies as JSON', async () => {
    const { calls, fetcher } = answering(200, { secret: 'whsec_x' });
    const client = new HeraldClient('hps_t', fetcher);
    await client.post('/v1/subscriptions/{id}/rotate-secret', {
      path: { id: 'sub_1' },
      body: { overlapMs: 60_000 },
    });
    expect(calls[0].url).toBe('/v1/subscriptions/sub_1/rotate-secret');
    const headers = calls[0].init.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer hps_t');
    expect(headers['content-type']).toBe('application/json');
    expect(calls[0].init.body).toBe('{"overlapMs":60000}');
  });

  it('turns a problem+json into an ApiError naming the fields, and reports a 401', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'retryPolicy.maxAttempts: must be <= 50',
      errors: [{ field: 'retryPolicy.maxAttempts', message: 'must be <= 50' }],
    };
    const client = new HeraldClient('hps_t', answering(400, problem).fetcher);
    const error = await client.get('/v1/subscriptions').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).messageFor('retryPolicy')).toBe('must be <= 50');
    expect((error as ApiError).messageFor('url')).toBeUndefined();

    const ended: string[] = [];
    const expired = new HeraldClient(
      'hps_t',
      answering(401, { ...problem, status: 401, detail: 'expired' }).fetcher,
      (p) => ended.push(p.detail),
    );
    await expect(expired.get('/v1/portal-sessions/current')).rejects.toThrow('expired');
    expect(ended).toEqual(['expired']);
  });

  it('answers undefined for 204 and a network failure as an ApiError with status 0', async () => {
    const client = new HeraldClient('hps_t', answering(204, undefined).fetcher);
    await expect(
      client.delete('/v1/subscriptions/{id}', { path: { id: 's' } }),
    ).resolves.toBeUndefined();
    const offline = new HeraldClient('hps_t', async () => {
      throw new Error('connection refused');
    });
    const error = (await offline.get('/v1/subscriptions').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.message).toContain('connection refused');
  });

  it('finds the root field of the ways the API names one', () => {
    expect(fieldRoot('retryPolicy.maxAttempts')).toBe('retryPolicy');
    expect(fieldRoot('/eventTypes/0')).toBe('eventTypes');
    expect(fieldRoot('eventTypes[1]')).toBe('eventTypes');
    expect(fieldRoot('url')).toBe('url');
  });
});
