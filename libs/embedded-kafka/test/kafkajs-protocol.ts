import { RawClient } from './raw-client';

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
// kafkajs's own protocol modules: requests are encoded and responses decoded exactly as the
// real client does it.
const { requests } = require('kafkajs/src/protocol/requests') as { requests: Record<string, any> };
const encodeRequest = require('kafkajs/src/protocol/request') as (
  args: any,
) => Promise<{ buffer: Buffer }>;
const { Types: Compression } = require('kafkajs/src/protocol/message/compression') as {
  Types: Record<string, number>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

export { Compression };

export type ApiName =
  | 'Produce'
  | 'Fetch'
  | 'ListOffsets'
  | 'Metadata'
  | 'OffsetCommit'
  | 'OffsetFetch'
  | 'GroupCoordinator'
  | 'JoinGroup'
  | 'Heartbeat'
  | 'LeaveGroup'
  | 'SyncGroup'
  | 'DescribeGroups'
  | 'ListGroups'
  | 'ApiVersions'
  | 'CreateTopics'
  | 'DeleteTopics'
  | 'InitProducerId'
  | 'DeleteGroups';

let correlationId = 1;

/**
 * Encodes `api` at `version` with kafkajs, sends it and decodes the response with kafkajs.
 * Returns the decoded (not parsed) response, so error codes can be asserted.
 */
export async function kafkajsCall(
  client: RawClient,
  api: ApiName,
  version: number,
  args: unknown,
): Promise<any> {
  const definition = requests[api];
  if (!definition) throw new Error(`kafkajs has no request module for ${api}`);
  const factory = definition.protocol({ version });
  if (!factory) throw new Error(`kafkajs lacks ${api} v${version}`);
  const { request, response } = factory(args);
  const id = correlationId++;
  const frame = await encodeRequest({ correlationId: id, clientId: 'conformance', request });
  const body = await client.request(frame.buffer);
  const got = body.readInt32BE(0);
  if (got !== id) throw new Error(`correlation id ${got}, expected ${id}`);
  return response.decode(body.subarray(4));
}
