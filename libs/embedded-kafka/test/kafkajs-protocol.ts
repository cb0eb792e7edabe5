// kafkajs's own protocol modules (typed in ./kafkajs-internals.d.ts): requests are encoded and
// responses decoded exactly as the real client does it.
import encodeRequest from 'kafkajs/src/protocol/request';
import { type DecodedResponse, requests } from 'kafkajs/src/protocol/requests';
import { RawClient } from './raw-client';

export { Types as Compression } from 'kafkajs/src/protocol/message/compression';
export type { DecodedResponse } from 'kafkajs/src/protocol/requests';

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
): Promise<DecodedResponse> {
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
