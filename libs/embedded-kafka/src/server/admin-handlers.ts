import { apiVersionsRange, SUPPORTED_VERSIONS } from '../protocol/api-keys';
import { decodeApiVersionsRequest, encodeApiVersionsResponse } from '../protocol/apis/api-versions';
import {
  decodeCreateTopicsRequest,
  encodeCreateTopicsResponse,
} from '../protocol/apis/create-topics';
import {
  decodeDeleteTopicsRequest,
  encodeDeleteTopicsResponse,
} from '../protocol/apis/delete-topics';
import {
  decodeInitProducerIdRequest,
  encodeInitProducerIdResponse,
} from '../protocol/apis/init-producer-id';
import {
  decodeMetadataRequest,
  encodeMetadataResponse,
  MetadataResponse,
} from '../protocol/apis/metadata';
import { ErrorCode } from '../protocol/error-codes';
import { Reader } from '../protocol/reader';
import { Writer } from '../protocol/writer';
import { BrokerContext } from './broker-context';

export function handleApiVersions(_ctx: BrokerContext, version: number, r: Reader): Writer {
  decodeApiVersionsRequest(r, version);
  const w = new Writer();
  encodeApiVersionsResponse(w, version, ErrorCode.NONE, SUPPORTED_VERSIONS);
  return w;
}

/**
 * Error 35 in the v0 layout, listing only ApiVersions' own range (as Apache Kafka answers), so
 * the client retries with a version it and we both know.
 */
export function unsupportedApiVersions(): Writer {
  const w = new Writer();
  encodeApiVersionsResponse(w, 0, ErrorCode.UNSUPPORTED_VERSION, [apiVersionsRange()]);
  return w;
}

export function handleMetadata(ctx: BrokerContext, version: number, r: Reader): Writer {
  const req = decodeMetadataRequest(r, version);
  const names = req.topics ?? ctx.topics.list().map((t) => t.name);
  const topics: MetadataResponse['topics'] = names.map((name) => {
    const topic = ctx.topics.get(name);
    if (!topic && ctx.autoCreateTopics && req.allowAutoTopicCreation) {
      // As Apache Kafka does, the request that creates a topic is told it is unknown (the
      // topic exists for the next request): clients must retry, on both brokers.
      const created = ctx.topics.create(name, ctx.defaultPartitions, {});
      return {
        errorCode:
          created.errorCode === ErrorCode.NONE
            ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
            : created.errorCode,
        name,
        partitions: [],
      };
    }
    if (!topic) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, name, partitions: [] };
    return {
      errorCode: ErrorCode.NONE,
      name,
      partitions: topic.partitions.map((_, index) => ({ errorCode: ErrorCode.NONE, index })),
    };
  });
  const w = new Writer();
  encodeMetadataResponse(w, version, {
    broker: { nodeId: ctx.nodeId, ...ctx.advertised },
    clusterId: ctx.clusterId,
    controllerId: ctx.nodeId,
    topics,
  });
  return w;
}

export function handleCreateTopics(ctx: BrokerContext, version: number, r: Reader): Writer {
  const req = decodeCreateTopicsRequest(r, version);
  const results = req.topics.map((t) => {
    if (t.replicationFactor !== -1 && t.replicationFactor !== 1) {
      return {
        name: t.name,
        errorCode: ErrorCode.INVALID_REPLICATION_FACTOR,
        message: `replication factor ${t.replicationFactor} is larger than the 1 available broker`,
      };
    }
    const partitions = t.numPartitions === -1 ? ctx.defaultPartitions : t.numPartitions;
    return { name: t.name, ...ctx.topics.create(t.name, partitions, t.configs, req.validateOnly) };
  });
  const w = new Writer();
  encodeCreateTopicsResponse(w, version, results);
  return w;
}

export function handleDeleteTopics(ctx: BrokerContext, version: number, r: Reader): Writer {
  const req = decodeDeleteTopicsRequest(r);
  const results = req.names.map((name) => ({ name, errorCode: ctx.topics.delete(name) }));
  const w = new Writer();
  encodeDeleteTopicsResponse(w, version, results);
  return w;
}

/** Idempotent producers only (no transactions): a fresh producer id at epoch 0. */
export function handleInitProducerId(ctx: BrokerContext, _version: number, r: Reader): Writer {
  decodeInitProducerIdRequest(r);
  const w = new Writer();
  encodeInitProducerIdResponse(w, {
    errorCode: ErrorCode.NONE,
    producerId: ctx.nextProducerId++,
    producerEpoch: 0,
  });
  return w;
}
