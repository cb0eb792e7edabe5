import { ErrorCode } from '../protocol/error-codes';
import {
  decodeFetchRequest,
  encodeFetchResponse,
  FetchPartitionResponse,
} from '../protocol/apis/fetch';
import { decodeListOffsetsRequest, encodeListOffsetsResponse } from '../protocol/apis/list-offsets';
import { decodeProduceRequest, encodeProduceResponse } from '../protocol/apis/produce';
import { Reader } from '../protocol/reader';
import { Writer } from '../protocol/writer';
import { BrokerContext } from './broker-context';

/** Produce: append each partition's batches; acks=0 gets no response at all. */
export function handleProduce(ctx: BrokerContext, version: number, r: Reader): Writer | null {
  const req = decodeProduceRequest(r);
  let appended = false;
  const topics = req.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p) => {
      const log = ctx.topics.partition(t.name, p.index);
      if (!log)
        return {
          index: p.index,
          errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
          baseOffset: -1,
          logStartOffset: -1,
        };
      if (!p.records)
        return {
          index: p.index,
          errorCode: ErrorCode.CORRUPT_MESSAGE,
          baseOffset: -1,
          logStartOffset: -1,
        };
      const res = log.append(p.records);
      appended ||= res.errorCode === ErrorCode.NONE;
      return {
        index: p.index,
        errorCode: res.errorCode,
        baseOffset: res.baseOffset,
        logStartOffset: log.logStartOffset,
      };
    }),
  }));
  if (appended) ctx.topics.notifyAppend();
  if (req.acks === 0) return null;
  const w = new Writer();
  encodeProduceResponse(w, version, topics);
  return w;
}

function collect(ctx: BrokerContext, req: ReturnType<typeof decodeFetchRequest>) {
  let total = 0;
  let failed = false;
  const topics = req.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p): FetchPartitionResponse => {
      const log = ctx.topics.partition(t.name, p.index);
      if (!log) {
        failed = true;
        return {
          index: p.index,
          errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
          highWatermark: -1,
          logStartOffset: -1,
          records: [],
        };
      }
      const budget = Math.min(p.partitionMaxBytes, req.maxBytes - total);
      const read =
        total > 0 && budget <= 0
          ? { errorCode: ErrorCode.NONE, batches: [] }
          : log.read(p.fetchOffset, budget);
      if (read.errorCode !== ErrorCode.NONE) failed = true;
      for (const b of read.batches) total += b.length;
      return {
        index: p.index,
        errorCode: read.errorCode,
        highWatermark: log.logEndOffset,
        logStartOffset: log.logStartOffset,
        records: read.batches,
      };
    }),
  }));
  return { topics, total, failed };
}

/** Fetch with long poll: answers once min_bytes are there, on error, or at max_wait. */
export async function handleFetch(ctx: BrokerContext, version: number, r: Reader): Promise<Writer> {
  const req = decodeFetchRequest(r, version);
  const deadline = Date.now() + req.maxWaitMs;
  let result = collect(ctx, req);
  while (!result.failed && result.total < Math.max(req.minBytes, 1) && Date.now() < deadline) {
    const stopped = await waitForAppend(ctx, deadline - Date.now());
    if (stopped) break;
    result = collect(ctx, req);
  }
  const w = new Writer();
  encodeFetchResponse(w, version, result.topics);
  return w;
}

function waitForAppend(ctx: BrokerContext, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (stopped: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      off();
      resolve(stopped);
    };
    const timer = setTimeout(() => finish(false), ms);
    const off = ctx.topics.onAppend(() => finish(ctx.stopped));
  });
}

/** ListOffsets v1+: -1 latest, -2 earliest, otherwise by timestamp. */
export function handleListOffsets(ctx: BrokerContext, version: number, r: Reader): Writer {
  const req = decodeListOffsetsRequest(r, version);
  const topics = req.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p) => {
      const log = ctx.topics.partition(t.name, p.index);
      if (!log)
        return {
          index: p.index,
          errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
          timestamp: -1,
          offset: -1,
        };
      return { index: p.index, errorCode: ErrorCode.NONE, ...log.offsetForTimestamp(p.timestamp) };
    }),
  }));
  const w = new Writer();
  encodeListOffsetsResponse(w, version, topics);
  return w;
}
