// autocannon ships no type declarations: what the API bench calls of it and reads back.

declare module 'autocannon' {
  namespace autocannon {
    interface Result {
      requests: { average: number };
      latency: { p50: number; p99: number; average: number };
      non2xx: number;
      /** Responses per status code (the latencies are of 2xx responses only). */
      statusCodeStats: Record<string, { count: number }>;
      errors: number;
      timeouts: number;
    }
  }
  /** One load run (url or requests, connections, duration, connectionRate, ...). */
  function autocannon(options: Record<string, unknown>): Promise<autocannon.Result>;
  export = autocannon;
}
