import { EMPTY_FORM, bodyFromForm, formFromSubscription } from './subscription-form-model';

describe('the subscription form', () => {
  it('asks for a URL and an event type before calling the API', () => {
    expect(bodyFromForm(EMPTY_FORM).issues.map((i) => i.field)).toEqual(['url', 'eventTypes']);
  });

  it('sends only what was filled in on create, typed as the API wants it', () => {
    const { body, issues } = bodyFromForm({
      ...EMPTY_FORM,
      url: ' https://example.com/hook ',
      eventTypes: ['order.created', 'order.*'],
      actions: ['created'],
      triggers: 'rest, import',
      condition: '{"data.total": {"$gt": 10}}',
      timeoutMs: '5000',
      successStatuses: '2xx, 410',
      retryDelays: '0s, 10s 1m',
      maxAttempts: '3',
      canaryEnabled: true,
    });
    expect(issues).toEqual([]);
    expect(body).toEqual({
      url: 'https://example.com/hook',
      eventTypes: ['order.created', 'order.*'],
      actions: ['created'],
      triggers: ['rest', 'import'],
      condition: { 'data.total': { $gt: 10 } },
      payloadFormat: 'herald',
      contentType: 'json',
      timeoutMs: 5000,
      successRule: { statuses: ['2xx', '410'] },
      retryPolicy: { delays: ['0s', '10s', '1m'], maxAttempts: 3 },
      canary: { enabled: true },
    });
  });

  it('names the field of a condition that is not a JSON object, a number that is not whole, a missing template', () => {
    const { issues } = bodyFromForm({
      ...EMPTY_FORM,
      url: 'https://example.com',
      eventTypes: ['a'],
      condition: '{"unclosed": ',
      maxConcurrency: '2.5',
      payloadFormat: 'template',
    });
    expect(issues.map((i) => i.field)).toEqual(['condition', 'payloadTemplate', 'maxConcurrency']);
    expect(
      bodyFromForm({ ...EMPTY_FORM, url: 'u', eventTypes: ['a'], condition: '[1]' }).issues,
    ).toEqual([{ field: 'condition', message: 'must be a JSON object' }]);
  });

  it('round-trips a subscription, and on edit clears what was emptied', () => {
    const form = formFromSubscription({
      url: 'https://example.com',
      eventTypes: ['a.b'],
      entityType: 'article',
      condition: { x: 1 } as never,
      rateLimitPerSecond: 5,
      retryPolicy: { delays: ['1s'], maxAttempts: 2 },
    });
    expect(form.entityType).toBe('article');
    expect(form.retryDelays).toBe('1s');
    const { body } = bodyFromForm(
      { ...form, entityType: '', condition: '', rateLimitPerSecond: '' },
      true,
    );
    expect(body).toMatchObject({
      entityType: null,
      condition: null,
      rateLimitPerSecond: null,
      retryPolicy: { delays: ['1s'], maxAttempts: 2 },
      actions: [],
      triggers: [],
    });
  });

  it('sends custom headers from Name: value lines and the disable policy fields filled in', () => {
    const filled = { ...EMPTY_FORM, url: 'u', eventTypes: ['a'] };
    const { body, issues } = bodyFromForm({
      ...filled,
      customHeaders: 'X-Team: portal\n\n  X-Region:eu-1 \nX-Url: https://a.example/x',
      disableWindowMs: '60000',
      disableAfterMs: '86400000',
    });
    expect(issues).toEqual([]);
    expect(body.headers).toEqual({
      'X-Team': 'portal',
      'X-Region': 'eu-1',
      'X-Url': 'https://a.example/x',
    });
    expect(body.disablePolicy).toEqual({ windowMs: 60000, disableAfterMs: 86400000 });
    expect(bodyFromForm(filled).body).not.toHaveProperty('headers');
    expect(bodyFromForm(filled).body).not.toHaveProperty('disablePolicy');
    expect(bodyFromForm({ ...filled, customHeaders: 'X-Team portal' }).issues).toEqual([
      { field: 'headers', message: 'line 1: write it as Name: value' },
    ]);
    expect(bodyFromForm({ ...filled, disablePauseMs: '1.5' }).issues).toEqual([
      { field: 'disablePolicy', message: 'must be a whole number' },
    ]);
  });

  it('fills headers and the disable policy from a subscription; emptied headers clear on edit', () => {
    const form = formFromSubscription({
      url: 'https://example.com',
      eventTypes: ['a.b'],
      headers: { 'X-Team': 'portal', 'X-Region': 'eu' },
      disablePolicy: { failureThreshold: 5, windowMs: 60000, pauseMs: 300000 } as never,
    });
    expect(form.customHeaders).toBe('X-Team: portal\nX-Region: eu');
    expect([form.disableFailureThreshold, form.disableWindowMs, form.disablePauseMs]).toEqual([
      '5',
      '60000',
      '300000',
    ]);
    expect(form.disableAfterMs).toBe('');
    expect(bodyFromForm({ ...form, customHeaders: '' }, true).body.headers).toEqual({});
  });
});
