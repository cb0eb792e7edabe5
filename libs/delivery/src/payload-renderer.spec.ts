import { jobFixture, subscriptionFixture } from './testing/delivery-fixtures';
import { renderPayload } from './payload-renderer';
import { PayloadTemplateError } from './payload-template';

describe('renderPayload', () => {
  const job = jobFixture();

  it('renders the Herald envelope as JSON by default', async () => {
    const out = await renderPayload(job, subscriptionFixture());
    expect(out.contentType).toBe('application/json');
    expect(JSON.parse(out.body)).toMatchObject({
      id: 'evt_1',
      type: 'order.created',
      timestamp: '2026-03-01T09:59:59.000Z',
      entityType: 'Order',
      data: { total: 12.5 },
    });
  });

  it('renders a structured CloudEvent', async () => {
    const out = await renderPayload(job, subscriptionFixture({ payloadFormat: 'cloudevents' }));
    expect(out.contentType).toBe('application/cloudevents+json');
    expect(JSON.parse(out.body)).toEqual({
      specversion: '1.0',
      id: 'evt_1',
      source: 'shop',
      type: 'order.created',
      time: '2026-03-01T09:59:59.000Z',
      datacontenttype: 'application/json',
      tenantid: 'acme',
      entitytype: 'Order',
      entityid: '42',
      action: 'created',
      trigger: 'api',
      data: { code: '101', description: 'Order placed', total: 12.5 },
    });
  });

  it('reproduces the {code, timestamp, id, description} shape with a template', async () => {
    const sub = subscriptionFixture({
      payloadFormat: 'template',
      payloadTemplate:
        '{"code": data.code, "timestamp": time, "id": id, "description": data.description}',
    });
    expect(JSON.parse((await renderPayload(job, sub)).body)).toEqual({
      code: '101',
      timestamp: '2026-03-01T09:59:59.000Z',
      id: 'evt_1',
      description: 'Order placed',
    });
  });

  it('reproduces the {EntityType, EntityId, EntityEvent} shape as a form', async () => {
    const sub = subscriptionFixture({
      payloadFormat: 'template',
      payloadTemplate: '{"EntityType": entityType, "EntityId": entityId, "EntityEvent": action}',
      contentType: 'form',
    });
    const out = await renderPayload(job, sub);
    expect(out.contentType).toBe('application/x-www-form-urlencoded');
    expect(out.body).toBe('EntityType=Order&EntityId=42&EntityEvent=created');
  });

  it('form-encodes nested values as JSON text', async () => {
    const out = await renderPayload(job, subscriptionFixture({ contentType: 'form' }));
    const params = new URLSearchParams(out.body);
    expect(params.get('type')).toBe('order.created');
    expect(JSON.parse(params.get('data')!)).toEqual(job.event.data);
  });

  it('names the field when a template is invalid or missing', async () => {
    await expect(
      renderPayload(
        job,
        subscriptionFixture({ payloadFormat: 'template', payloadTemplate: '{"a": ' }),
      ),
    ).rejects.toThrow(PayloadTemplateError);
    await expect(
      renderPayload(job, subscriptionFixture({ payloadFormat: 'template', payloadTemplate: null })),
    ).rejects.toThrow(/payloadTemplate/);
  });
});
