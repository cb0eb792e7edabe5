import { HEADERS } from '@herald/contracts';

/** Message headers saying what a JSON value is, so a reader can route or reject it cheaply. */
export function kindHeaders(value: unknown): Record<string, string> {
  if (typeof value === 'object' && value !== null && 'kind' in value && 'version' in value) {
    const { kind, version } = value as { kind: unknown; version: unknown };
    return { [HEADERS.messageKind]: String(kind), [HEADERS.schemaVersion]: String(version) };
  }
  return {};
}

export function encodeJson(value: unknown): Buffer | null {
  return value === null ? null : Buffer.from(JSON.stringify(value));
}
