// Types for the kafkajs 2.2.4 protocol modules the conformance specs drive (kafkajs types its
// client API only). Each declares just what the specs call; the modules are CommonJS, so a
// function exported as the whole module is `export =` (imported as a default import).

declare module 'kafkajs/src/protocol/requests' {
  /**
   * A response as kafkajs decodes it: each API and version decodes into its own shape, and the
   * specs assert on the fields of the one they sent.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- kafkajs's decoders are untyped JS, one shape per API version
  export type DecodedResponse = any;

  /** One encoded request, ready for `kafkajs/src/protocol/request` to frame. */
  export interface ProtocolRequest {
    apiKey: number;
    apiVersion: number;
    encode(): Promise<unknown>;
  }

  export interface ApiDefinition {
    /** The versions kafkajs has of this API, as strings ("0", "1", ...). */
    versions: string[];
    /** The request and response codec of `version`; undefined where kafkajs lacks it. */
    protocol(options: { version: number }):
      | ((args: unknown) => {
          request: ProtocolRequest;
          response: { decode(body: Buffer): Promise<DecodedResponse> };
        })
      | undefined;
  }

  export const requests: Record<string, ApiDefinition>;
}

declare module 'kafkajs/src/protocol/requests/apiKeys' {
  /** API name to API key (`Produce: 0`, ...). */
  const apiKeys: Record<string, number>;
  export = apiKeys;
}

declare module 'kafkajs/src/protocol/request' {
  import type { ProtocolRequest } from 'kafkajs/src/protocol/requests';

  /** The request frame: int32 size, header (key, version, correlation id, client id), body. */
  function encodeRequest(frame: {
    correlationId: number;
    clientId: string;
    request: ProtocolRequest;
  }): Promise<{ buffer: Buffer }>;
  export = encodeRequest;
}

declare module 'kafkajs/src/protocol/message/compression' {
  export const Types: { None: 0; GZIP: 1; Snappy: 2; LZ4: 3; ZSTD: 4 };
}

declare module 'kafkajs/src/utils/long' {
  /** kafkajs's int64 (a copy of long.js). */
  class Long {
    static fromValue(value: number | string): Long;
  }
  export = Long;
}

declare module 'kafkajs/src/protocol/recordBatch/record/v0' {
  /** One record of a v2 batch, to hand to RecordBatch (opaque to the specs). */
  function record(fields: {
    offsetDelta: number;
    timestampDelta: number;
    key: string | Buffer | null;
    value: string | Buffer | null;
    headers?: Record<string, string | Buffer>;
  }): unknown;
  export = record;
}

declare module 'kafkajs/src/protocol/recordBatch/v0' {
  import type Long from 'kafkajs/src/utils/long';

  /** A record batch as a producer sends it: int64 base offset, int32 length, the v2 batch. */
  export function RecordBatch(fields: {
    compression?: number;
    firstTimestamp: number;
    maxTimestamp: number;
    lastOffsetDelta: number;
    producerId: Long;
    producerEpoch: number;
    firstSequence: number;
    /** Made by `kafkajs/src/protocol/recordBatch/record/v0`. */
    records: unknown[];
  }): Promise<{ buffer: Buffer }>;
}
