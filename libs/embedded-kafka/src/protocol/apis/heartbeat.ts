import { Reader } from '../reader';
import { Writer } from '../writer';

export function decodeHeartbeatRequest(
  r: Reader,
  version: number,
): { groupId: string; generationId: number; memberId: string } {
  const req = { groupId: r.string(), generationId: r.int32(), memberId: r.string() };
  if (version >= 3) r.nullableString();
  return req;
}

export function encodeHeartbeatResponse(w: Writer, version: number, errorCode: number): void {
  if (version >= 1) w.int32(0);
  w.int16(errorCode);
}
