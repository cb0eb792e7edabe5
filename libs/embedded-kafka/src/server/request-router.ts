import { ApiKey, isSupported } from '../protocol/api-keys';
import { Reader } from '../protocol/reader';
import { RequestHeader } from '../protocol/request-header';
import { Writer } from '../protocol/writer';
import * as admin from './admin-handlers';
import { BrokerContext } from './broker-context';
import * as group from './group-handlers';
import * as log from './log-handlers';

export class UnsupportedRequestError extends Error {}

/**
 * Dispatches one decoded request to its handler. Returns the response body, or null when
 * no response is due (Produce with acks=0). Unsupported (api, version) pairs throw, and the
 * connection closes, as Kafka does; ApiVersions instead answers error 35 in the v0 layout.
 */
export function routeRequest(
  ctx: BrokerContext,
  header: RequestHeader,
  r: Reader,
  client: group.ClientInfo,
): Writer | null | Promise<Writer | null> {
  const v = header.apiVersion;
  if (!isSupported(header.apiKey, v)) {
    if (header.apiKey === ApiKey.ApiVersions) return admin.unsupportedApiVersions();
    throw new UnsupportedRequestError(`unsupported api ${header.apiKey} version ${v}`);
  }
  switch (header.apiKey) {
    case ApiKey.ApiVersions:
      return admin.handleApiVersions(ctx, v, r);
    case ApiKey.Metadata:
      return admin.handleMetadata(ctx, v, r);
    case ApiKey.CreateTopics:
      return admin.handleCreateTopics(ctx, v, r);
    case ApiKey.DeleteTopics:
      return admin.handleDeleteTopics(ctx, v, r);
    case ApiKey.InitProducerId:
      return admin.handleInitProducerId(ctx, v, r);
    case ApiKey.Produce:
      return log.handleProduce(ctx, v, r);
    case ApiKey.Fetch:
      return log.handleFetch(ctx, v, r);
    case ApiKey.ListOffsets:
      return log.handleListOffsets(ctx, v, r);
    case ApiKey.FindCoordinator:
      return group.handleFindCoordinator(ctx, v, r);
    case ApiKey.JoinGroup:
      return group.handleJoinGroup(ctx, v, r, client);
    case ApiKey.SyncGroup:
      return group.handleSyncGroup(ctx, v, r);
    case ApiKey.Heartbeat:
      return group.handleHeartbeat(ctx, v, r);
    case ApiKey.LeaveGroup:
      return group.handleLeaveGroup(ctx, v, r);
    case ApiKey.OffsetCommit:
      return group.handleOffsetCommit(ctx, v, r);
    case ApiKey.OffsetFetch:
      return group.handleOffsetFetch(ctx, v, r);
    case ApiKey.DescribeGroups:
      return group.handleDescribeGroups(ctx, v, r);
    case ApiKey.ListGroups:
      return group.handleListGroups(ctx, v);
    case ApiKey.DeleteGroups:
      return group.handleDeleteGroups(ctx, v, r);
    default:
      throw new UnsupportedRequestError(`unsupported api ${header.apiKey}`);
  }
}
