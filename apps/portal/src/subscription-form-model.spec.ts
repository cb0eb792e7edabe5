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
});
