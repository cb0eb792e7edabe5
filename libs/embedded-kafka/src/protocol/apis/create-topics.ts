import { Reader } from '../reader';
import { Writer } from '../writer';

export interface CreateTopicsRequest {
  topics: {
    name: string;
    numPartitions: number;
    replicationFactor: number;
    configs: Record<string, string>;
  }[];
  timeoutMs: number;
  validateOnly: boolean;
}

export function decodeCreateTopicsRequest(r: Reader, version: number): CreateTopicsRequest {
  const topics = r.array((r) => {
    const name = r.string();
    const numPartitions = r.int32();
    const replicationFactor = r.int16();
    r.array((r) => ({ partition: r.int32(), brokers: r.array((r) => r.int32()) }));
    const configs: Record<string, string> = {};
    for (const c of r.array((r) => ({ name: r.string(), value: r.nullableString() }))) {
      if (c.value !== null) configs[c.name] = c.value;
    }
    return { name, numPartitions, replicationFactor, configs };
  });
  const timeoutMs = r.int32();
  const validateOnly = version >= 1 ? r.bool() : false;
  return { topics, timeoutMs, validateOnly };
}

export function encodeCreateTopicsResponse(
  w: Writer,
  version: number,
  topics: { name: string; errorCode: number; message: string | null }[],
): void {
  if (version >= 2) w.int32(0);
  w.array(topics, (w, t) => {
    w.string(t.name).int16(t.errorCode);
    if (version >= 1) w.nullableString(t.message);
  });
}
