import { Reader } from '../reader';
import { Writer } from '../writer';

export function decodeDeleteGroupsRequest(r: Reader): string[] {
  return r.array((r) => r.string());
}

export function encodeDeleteGroupsResponse(
  w: Writer,
  results: { groupId: string; errorCode: number }[],
): void {
  w.int32(0);
  w.array(results, (w, g) => w.string(g.groupId).int16(g.errorCode));
}
