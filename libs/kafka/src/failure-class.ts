import { ContractViolation } from '@herald/contracts';

/**
 * Why a message was taken out of its partition (a bounded set: a metric label and a header).
 * `retries_exhausted` is the one decided by count: a failure of no known class that kept
 * failing on the same message.
 */
export const POISON_REASONS = [
  'data_error',
  'constraint_violation',
  'limit_exceeded',
  'undecodable',
  'contract_violation',
  'too_large',
  'retries_exhausted',
] as const;
export type PoisonReason = (typeof POISON_REASONS)[number];

/**
 * What a failure says about the message being handled:
 * - transient: the infrastructure failed (broker or PostgreSQL unavailable, overloaded,
 *   restarting, a serialization conflict); back off and retry, nothing is skipped;
 * - permanent: this message can never be processed; it leaves the partition with its reason;
 * - unknown: neither is known; retried, up to a bound per message.
 */
export type FailureClass =
  | { kind: 'transient'; detail: string }
  | { kind: 'permanent'; reason: PoisonReason; detail: string }
  | { kind: 'unknown'; detail: string };

/** Thrown by a handler that knows a message can never be processed. */
export class PermanentFailure extends Error {
  constructor(
    readonly reason: PoisonReason,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentFailure';
  }
}

// SQLSTATE classes and codes (https://www.postgresql.org/docs/current/errcodes-appendix.html).
const TRANSIENT_SQLSTATE = [
  /^08/, // connection exception
  /^53/, // insufficient resources: too many connections, disk full, out of memory
  /^57P0[1-5]$/, // admin / crash shutdown, cannot connect now, database dropped, idle timeout
  /^40001$/, // serialization failure
  /^40P01$/, // deadlock detected
  /^55P03$/, // lock not available
  /^58/, // system error (I/O)
  /^XX001$|^XX002$/, // data / index corrupted: an operator problem, never the message's
];
const PERMANENT_SQLSTATE: [RegExp, PoisonReason][] = [
  [/^22/, 'data_error'], // invalid byte sequence, untranslatable character, bad JSON, ...
  [/^23502$|^23514$/, 'constraint_violation'], // not null, check
  [/^54/, 'limit_exceeded'], // stack depth, too many columns, ...
];
const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
]);
// pg and pg-pool say these without a code when the server goes away.
const TRANSIENT_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|connect ECONNREFUSED|the database system is (starting up|shutting down)/i;
const TOO_LARGE_KAFKA = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']);
const REFUSED_KAFKA = new Set(['INVALID_RECORD', 'CORRUPT_MESSAGE']);

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  type?: unknown;
  retriable?: unknown;
  cause?: unknown;
  driverError?: unknown;
  errors?: unknown;
}

/** Classifies a handler's failure; looks through wrappers (kafkajs retries, TypeORM). */
export function classifyFailure(error: unknown): FailureClass {
  const detail = describe(error);
  let transient = false;
  // A permanent cause anywhere wins: retrying cannot make that message valid.
  for (const e of causes(error)) {
    const found = classifyOne(e);
    if (found === 'transient') transient = true;
    else if (found !== undefined) return { kind: 'permanent', reason: found, detail };
  }
  return transient ? { kind: 'transient', detail } : { kind: 'unknown', detail };
}

function classifyOne(e: ErrorLike): PoisonReason | 'transient' | undefined {
  if (e instanceof PermanentFailure) return e.reason;
  if (e instanceof ContractViolation) return 'contract_violation';
  if (e instanceof SyntaxError) return 'undecodable';
  if (e instanceof RangeError && /call stack|string length|array length/i.test(String(e.message)))
    return 'limit_exceeded';
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code)) {
    if (TRANSIENT_SQLSTATE.some((pattern) => pattern.test(code))) return 'transient';
    const permanent = PERMANENT_SQLSTATE.find(([pattern]) => pattern.test(code));
    if (permanent) return permanent[1];
  }
  if (code !== undefined && TRANSIENT_NODE_CODES.has(code)) return 'transient';
  const name = typeof e.name === 'string' ? e.name : '';
  if (name.startsWith('KafkaJS')) {
    const type = typeof e.type === 'string' ? e.type : '';
    if (TOO_LARGE_KAFKA.has(type)) return 'too_large';
    if (REFUSED_KAFKA.has(type)) return 'contract_violation';
    // Retries exceeded wraps the real error (a cause); a connection error is transient.
    if (e.retriable === true || /Connection|Timeout|Broker|Leader|Coordinator/.test(name))
      return 'transient';
  }
  if (TRANSIENT_MESSAGES.test(String(e.message ?? ''))) return 'transient';
  return undefined;
}

/** The error and what it wraps, a few levels deep (kafkajs `cause`, TypeORM `driverError`). */
function causes(error: unknown): ErrorLike[] {
  const found: ErrorLike[] = [];
  const pending: unknown[] = [error];
  while (pending.length > 0 && found.length < 8) {
    const next = pending.shift();
    if (typeof next !== 'object' || next === null || found.includes(next as ErrorLike)) continue;
    const e = next as ErrorLike;
    found.push(e);
    pending.push(e.cause, e.driverError);
    if (Array.isArray(e.errors)) pending.push(...e.errors.slice(0, 4));
  }
  return found;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as ErrorLike).code;
    return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`.slice(
      0,
      500,
    );
  }
  return String(error).slice(0, 500);
}
