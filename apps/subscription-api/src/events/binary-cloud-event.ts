import { FieldIssue } from '../http/problem';

/** Longest value of one `ce-*` header, after percent-decoding (the body limit bounds the rest). */
const MAX_CE_HEADER_CHARS = 4_096;
/** CloudEvents attribute names: lower-case letters and digits, at most 20. */
const ATTRIBUTE_NAME = /^[a-z0-9]{1,20}$/;
/** Attributes that come from elsewhere in binary mode (the body, Content-Type). */
const NOT_FROM_HEADERS = new Set(['data', 'datacontenttype']);

export type HttpHeaders = Record<string, string | string[] | undefined>;

/** A request in CloudEvents HTTP binary mode carries `ce-specversion`. */
export function isBinaryMode(headers: HttpHeaders): boolean {
  return headers['ce-specversion'] !== undefined;
}

/**
 * The structured CloudEvent of a binary-mode request (CloudEvents HTTP binding 3.1): every
 * `ce-<name>` header is the attribute `<name>`, percent-decoded (UTF-8); `Content-Type` is
 * `datacontenttype`; the (JSON) body is `data`. A header that is not a valid attribute name,
 * repeated, too long or badly percent-encoded is an issue naming the header, so the caller's
 * 400 says which one. Work is bounded by the request's header size limit.
 */
export function binaryModeEvent(
  headers: HttpHeaders,
  body: unknown,
): { ok: true; event: Record<string, unknown> } | { ok: false; issues: FieldIssue[] } {
  const event: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const [header, raw] of Object.entries(headers)) {
    if (!header.startsWith('ce-')) continue;
    const name = header.slice(3);
    if (!ATTRIBUTE_NAME.test(name)) {
      issues.push({
        field: header,
        message:
          'is not a CloudEvents attribute header (ce- and lower-case letters and digits, at most 20)',
      });
      continue;
    }
    if (NOT_FROM_HEADERS.has(name)) {
      issues.push({
        field: header,
        message:
          name === 'data'
            ? 'must not be a header: the body is the data in binary mode'
            : 'must not be a header: Content-Type is the datacontenttype in binary mode',
      });
      continue;
    }
    if (Array.isArray(raw) || raw === undefined) {
      issues.push({ field: header, message: 'must be given once' });
      continue;
    }
    if (raw.length > MAX_CE_HEADER_CHARS * 3) {
      issues.push({ field: header, message: `must be at most ${MAX_CE_HEADER_CHARS} characters` });
      continue;
    }
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      issues.push({ field: header, message: 'is not valid percent-encoded UTF-8' });
      continue;
    }
    if (value.length > MAX_CE_HEADER_CHARS) {
      issues.push({ field: header, message: `must be at most ${MAX_CE_HEADER_CHARS} characters` });
      continue;
    }
    event[name] = value;
  }
  if (issues.length > 0) return { ok: false, issues };
  const contentType = headers['content-type'];
  if (typeof contentType === 'string') event.datacontenttype = contentType;
  if (body !== undefined) event.data = body;
  return { ok: true, event };
}

/** An attribute's issue as the header it came from (`type` → `ce-type`); data issues stay. */
export function headerField(field: string): string {
  if (field === 'data' || field.startsWith('data.') || field.startsWith('data[')) return field;
  if (field === 'datacontenttype') return 'content-type';
  const attribute = field.split('.')[0];
  return ATTRIBUTE_NAME.test(attribute) ? `ce-${field}` : field;
}
