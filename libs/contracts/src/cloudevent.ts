import { FieldReader, Validated, isRecord, parseJson } from './validation';

export const EVENT_ACTIONS = ['created', 'updated', 'deleted'] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

/**
 * A CloudEvents 1.0 event as producers send it, with Herald's extension attributes:
 * `tenantid` (absent = a public event), `entitytype`, `entityid`, `action`, `trigger`.
 */
export interface InboundCloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject?: string;
  time?: string;
  datacontenttype?: string;
  dataschema?: string;
  data?: unknown;
  tenantid?: string;
  entitytype?: string;
  entityid?: string;
  action?: EventAction;
  trigger?: string;
}

const EVENT_TYPE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const EXTENSION_NAME = /^[a-z0-9]{1,20}$/;
const TENANT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Validates a structured-mode CloudEvent (already parsed from JSON). */
export function validateCloudEvent(input: unknown): Validated<InboundCloudEvent> {
  if (!isRecord(input)) {
    return { ok: false, issues: [{ field: '$', message: 'must be a JSON object (a CloudEvent)' }] };
  }
  const r = new FieldReader(input);
  const specversion = r.string('specversion');
  if (specversion !== undefined && specversion !== '1.0') r.fail('specversion', 'must be "1.0"');
  const id = r.string('id', { maxLength: 256 });
  const source = r.string('source', { maxLength: 1024 });
  const type = r.string('type', { pattern: EVENT_TYPE, maxLength: 256 });
  const subject = r.string('subject', { optional: true, maxLength: 1024 });
  const time = r.timestamp('time', { optional: true });
  const datacontenttype = r.string('datacontenttype', { optional: true });
  const dataschema = r.string('dataschema', { optional: true });
  const tenantid = r.string('tenantid', { optional: true, pattern: TENANT_ID });
  const entitytype = r.string('entitytype', { optional: true, maxLength: 128 });
  const entityid = r.string('entityid', { optional: true, maxLength: 256 });
  const action = r.oneOf('action', EVENT_ACTIONS, { optional: true });
  const trigger = r.string('trigger', { optional: true, maxLength: 64 });
  for (const key of Object.keys(input)) {
    if (!EXTENSION_NAME.test(key) && key !== 'data_base64') {
      r.fail(
        key,
        'is not a valid CloudEvents attribute name (lower-case letters and digits, at most 20)',
      );
    }
  }
  let data = input.data;
  if (input.data_base64 !== undefined) {
    if (typeof input.data_base64 !== 'string') r.fail('data_base64', 'must be a base64 string');
    else if (input.data !== undefined)
      r.fail('data_base64', 'must not be given together with data');
    else data = Buffer.from(input.data_base64, 'base64').toString('utf8');
  }
  return r.result(
    stripUndefined({
      specversion: '1.0' as const,
      id,
      source,
      type,
      subject,
      time,
      datacontenttype,
      dataschema,
      data,
      tenantid,
      entitytype,
      entityid,
      action,
      trigger,
    }),
  );
}

/** Structured mode: the whole CloudEvent is the JSON message value. */
export function parseStructuredCloudEvent(value: Buffer | string): Validated<InboundCloudEvent> {
  const parsed = parseJson(value.toString());
  return parsed.ok ? validateCloudEvent(parsed.value) : parsed;
}

export type KafkaHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

export function headerText(headers: KafkaHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return first === undefined ? undefined : first.toString();
}

/** Binary mode: attributes in `ce_*` headers, `content-type` header, the value is the data. */
export function isBinaryModeCloudEvent(headers: KafkaHeaders | undefined): boolean {
  return headerText(headers, 'ce_specversion') !== undefined;
}

export function parseBinaryCloudEvent(
  headers: KafkaHeaders,
  value: Buffer | null,
): Validated<InboundCloudEvent> {
  const attributes: Record<string, unknown> = {};
  for (const name of Object.keys(headers)) {
    if (name.startsWith('ce_')) attributes[name.slice(3)] = headerText(headers, name);
  }
  const contentType = headerText(headers, 'content-type');
  if (contentType !== undefined) attributes.datacontenttype = contentType;
  if (value !== null && value.length > 0) {
    if (contentType === undefined || /json/i.test(contentType)) {
      const parsed = parseJson(value.toString(), 'data');
      if (!parsed.ok) return parsed;
      attributes.data = parsed.value;
    } else {
      attributes.data = value.toString();
    }
  }
  return validateCloudEvent(attributes);
}

/** Reads a Kafka message in either content mode. */
export function parseKafkaCloudEvent(
  headers: KafkaHeaders | undefined,
  value: Buffer | null,
): Validated<InboundCloudEvent> {
  if (isBinaryModeCloudEvent(headers)) return parseBinaryCloudEvent(headers ?? {}, value);
  if (value === null)
    return { ok: false, issues: [{ field: '$', message: 'message has no value' }] };
  return parseStructuredCloudEvent(value);
}

function stripUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}
