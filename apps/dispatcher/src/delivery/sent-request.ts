/** What one attempt sent, for the attempt log: the headers with credentials redacted, the body. */
export interface SentRequest {
  headers: Record<string, string>;
  /** The body as sent (the writer cuts it to the response body's cap). */
  body: string;
}

export const REDACTED = '[redacted]';

/** Headers whose values are credentials whatever the subscription says. */
const ALWAYS_REDACTED = new Set(['authorization', 'proxy-authorization', 'cookie']);

/**
 * The headers as sent, with the value of every credential header replaced by "[redacted]":
 * Authorization, Proxy-Authorization and Cookie always, and each header the subscription's
 * delivery credential added (`credentialNames`, lower case: a static header's own name).
 * The object sent is returned as it is when nothing needs redacting (no copy on the hot path).
 */
export function redactedHeaders(
  headers: Record<string, string>,
  credentialNames: readonly string[] = [],
): Record<string, string> {
  let out: Record<string, string> | undefined;
  for (const name in headers) {
    const lower = name.toLowerCase();
    if (ALWAYS_REDACTED.has(lower) || credentialNames.includes(lower)) {
      out ??= { ...headers };
      out[name] = REDACTED;
    }
  }
  return out ?? headers;
}
