import {
  decodeDeleteGroupsRequest,
  encodeDeleteGroupsResponse,
} from '../protocol/apis/delete-groups';
import {
  decodeDescribeGroupsRequest,
  encodeDescribeGroupsResponse,
} from '../protocol/apis/describe-groups';
import {
  decodeFindCoordinatorRequest,
  encodeFindCoordinatorResponse,
} from '../protocol/apis/find-coordinator';
import { decodeHeartbeatRequest, encodeHeartbeatResponse } from '../protocol/apis/heartbeat';
import { decodeJoinGroupRequest, encodeJoinGroupResponse } from '../protocol/apis/join-group';
import { decodeLeaveGroupRequest, encodeLeaveGroupResponse } from '../protocol/apis/leave-group';
import { encodeListGroupsResponse } from '../protocol/apis/list-groups';
import {
  decodeOffsetCommitRequest,
  encodeOffsetCommitResponse,
} from '../protocol/apis/offset-commit';
import {
  decodeOffsetFetchRequest,
  encodeOffsetFetchResponse,
  OffsetFetchTopic,
} from '../protocol/apis/offset-fetch';
import { decodeSyncGroupRequest, encodeSyncGroupResponse } from '../protocol/apis/sync-group';
import { ErrorCode } from '../protocol/error-codes';
import { Reader } from '../protocol/reader';
import { Writer } from '../protocol/writer';
import { BrokerContext } from './broker-context';

export interface ClientInfo {
  clientId: string;
  clientHost: string;
}

export function handleFindCoordinator(ctx: BrokerContext, version: number, r: Reader): Writer {
  decodeFindCoordinatorRequest(r, version);
  const w = new Writer();
  encodeFindCoordinatorResponse(w, version, {
    errorCode: ErrorCode.NONE,
    nodeId: ctx.nodeId,
    ...ctx.advertised,
  });
  return w;
}

export async function handleJoinGroup(
  ctx: BrokerContext,
  version: number,
  r: Reader,
  client: ClientInfo,
): Promise<Writer> {
  const req = decodeJoinGroupRequest(r, version);
  const res = await ctx.coordinator.joinGroup({
    ...req,
    ...client,
    requireKnownMemberId: version >= 4,
  });
  const w = new Writer();
  encodeJoinGroupResponse(w, version, res);
  return w;
}

export async function handleSyncGroup(
  ctx: BrokerContext,
  version: number,
  r: Reader,
): Promise<Writer> {
  const req = decodeSyncGroupRequest(r, version);
  const res = await ctx.coordinator.syncGroup(
    req.groupId,
    req.generationId,
    req.memberId,
    req.assignments,
  );
  const w = new Writer();
  encodeSyncGroupResponse(w, version, res);
  return w;
}

export function handleHeartbeat(ctx: BrokerContext, version: number, r: Reader): Writer {
  const req = decodeHeartbeatRequest(r, version);
  const w = new Writer();
  encodeHeartbeatResponse(
    w,
    version,
    ctx.coordinator.heartbeat(req.groupId, req.generationId, req.memberId),
  );
  return w;
}

export function handleLeaveGroup(ctx: BrokerContext, version: number, r: Reader): Writer {
  const req = decodeLeaveGroupRequest(r, version);
  const w = new Writer();
  encodeLeaveGroupResponse(w, version, ctx.coordinator.leaveGroup(req.groupId, req.memberIds));
  return w;
}

/** Commits offsets; a partition that does not exist gets UNKNOWN_TOPIC_OR_PARTITION, as in Kafka. */
export function handleOffsetCommit(ctx: BrokerContext, version: number, r: Reader): Writer {
  const req = decodeOffsetCommitRequest(r, version);
  const exists = (topic: string, index: number) => ctx.topics.partition(topic, index) !== undefined;
  const entries = req.topics.flatMap((t) =>
    t.partitions
      .filter((p) => exists(t.name, p.index))
      .map((p) => ({
        topic: t.name,
        partition: p.index,
        offset: p.offset,
        metadata: p.metadata,
      })),
  );
  const errorCode = ctx.coordinator.commitOffsets(
    req.groupId,
    req.generationId,
    req.memberId,
    entries,
  );
  const w = new Writer();
  encodeOffsetCommitResponse(
    w,
    version,
    req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({
        index: p.index,
        errorCode: exists(t.name, p.index) ? errorCode : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      })),
    })),
  );
  return w;
}

export function handleOffsetFetch(ctx: BrokerContext, version: number, r: Reader): Writer {
  const req = decodeOffsetFetchRequest(r);
  let topics: OffsetFetchTopic[];
  if (req.topics === null) {
    const byTopic = new Map<string, OffsetFetchTopic>();
    for (const e of ctx.coordinator.offsets.all(req.groupId)) {
      let t = byTopic.get(e.topic);
      if (!t) byTopic.set(e.topic, (t = { name: e.topic, partitions: [] }));
      t.partitions.push({
        index: e.partition,
        offset: e.committed.offset,
        metadata: e.committed.metadata,
        errorCode: 0,
      });
    }
    topics = [...byTopic.values()];
  } else {
    topics = req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((index) => {
        const c = ctx.coordinator.fetchOffset(req.groupId, t.name, index);
        return {
          index,
          offset: c?.offset ?? -1,
          metadata: c?.metadata ?? '',
          errorCode: ErrorCode.NONE,
        };
      }),
    }));
  }
  const w = new Writer();
  encodeOffsetFetchResponse(w, version, topics);
  return w;
}

export function handleDescribeGroups(ctx: BrokerContext, version: number, r: Reader): Writer {
  const groups = decodeDescribeGroupsRequest(r).map((g) => ctx.coordinator.describe(g));
  const w = new Writer();
  encodeDescribeGroupsResponse(w, version, groups);
  return w;
}

export function handleListGroups(ctx: BrokerContext, version: number): Writer {
  const w = new Writer();
  encodeListGroupsResponse(w, version, ctx.coordinator.list());
  return w;
}

export function handleDeleteGroups(ctx: BrokerContext, _version: number, r: Reader): Writer {
  const results = decodeDeleteGroupsRequest(r).map((groupId) => ({
    groupId,
    errorCode: ctx.coordinator.deleteGroup(groupId),
  }));
  const w = new Writer();
  encodeDeleteGroupsResponse(w, results);
  return w;
}
