import { Reader } from '../reader';
import { Writer } from '../writer';

export function decodeDeleteTopicsRequest(r: Reader): { names: string[]; timeoutMs: number } {
  return { names: r.array((r) => r.string()), timeoutMs: r.int32() };
}

export function encodeDeleteTopicsResponse(
  w: Writer,
  version: number,
  results: { name: string; errorCode: number }[],
): void {
  if (version >= 1) w.int32(0);
  w.array(results, (w, t) => w.string(t.name).int16(t.errorCode));
}
