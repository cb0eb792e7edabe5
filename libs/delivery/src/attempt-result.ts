/** Why a request got no usable response. A bounded set: also a metric label. */
export const ERROR_CLASSES = [
  'connection',
  'timeout',
  'tls',
  'dns',
  'ssrf',
  'render',
  'signing',
  'credential',
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** What one HTTP attempt produced (sent): a response, or an error before one arrived. */
export type AttemptResult =
  | {
      kind: 'response';
      status: number;
      headers: Record<string, string>;
      /** The body read, at most the cap. */
      body: string;
      truncated: boolean;
      latencyMs: number;
    }
  | { kind: 'error'; errorClass: ErrorClass; message: string; latencyMs: number };

const CODE_CLASSES: Record<string, ErrorClass> = {
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_NODATA: 'dns',
  EAI_NONAME: 'dns',
  ETIMEDOUT: 'timeout',
  ESOCKETTIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ABORT_ERR: 'timeout',
  ECONNREFUSED: 'connection',
  ECONNRESET: 'connection',
  EPIPE: 'connection',
  EHOSTUNREACH: 'connection',
  ENETUNREACH: 'connection',
  UND_ERR_SOCKET: 'connection',
  UND_ERR_CLOSED: 'connection',
  HERALD_SSRF: 'ssrf',
};

/** Classifies a network error by its `code` (and its cause's), TLS errors by code prefix. */
export function classifyNetworkError(error: unknown): ErrorClass {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const e = current as { code?: unknown; name?: unknown; cause?: unknown };
    const code = typeof e.code === 'string' ? e.code : undefined;
    if (code) {
      if (CODE_CLASSES[code]) return CODE_CLASSES[code];
      if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/.test(code))
        return 'tls';
    }
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout';
    current = e.cause;
  }
  return 'connection';
}
