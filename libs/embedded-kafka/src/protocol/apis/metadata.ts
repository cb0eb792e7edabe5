import { Reader } from '../reader';
import { Writer } from '../writer';

export interface MetadataRequest {
  /** null = every topic; [] = none (brokers only). */
  topics: string[] | null;
  allowAutoTopicCreation: boolean;
}

export interface MetadataResponse {
  broker: { nodeId: number; host: string; port: number };
  clusterId: string;
  controllerId: number;
  topics: { errorCode: number; name: string; partitions: { errorCode: number; index: number }[] }[];
}

export function decodeMetadataRequest(r: Reader, version: number): MetadataRequest {
  const topics = r.nullableArray((r) => r.string());
  const allowAutoTopicCreation = version >= 4 ? r.bool() : true;
  return { topics: version === 0 && topics?.length === 0 ? null : topics, allowAutoTopicCreation };
}

export function encodeMetadataResponse(w: Writer, version: number, res: MetadataResponse): void {
  if (version >= 3) w.int32(0);
  w.array([res.broker], (w, b) => {
    w.int32(b.nodeId).string(b.host).int32(b.port);
    if (version >= 1) w.nullableString(null);
  });
  if (version >= 2) w.nullableString(res.clusterId);
  if (version >= 1) w.int32(res.controllerId);
  const node = res.broker.nodeId;
  w.array(res.topics, (w, t) => {
    w.int16(t.errorCode).string(t.name);
    if (version >= 1) w.bool(false);
    w.array(t.partitions, (w, p) => {
      w.int16(p.errorCode).int32(p.index).int32(node);
      w.array([node], (w, n) => w.int32(n));
      w.array([node], (w, n) => w.int32(n));
      if (version >= 5) w.array([], () => undefined);
    });
  });
}
