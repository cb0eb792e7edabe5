import { Reader } from '../reader';
import { Writer } from '../writer';

export function decodeLeaveGroupRequest(
  r: Reader,
  version: number,
): { groupId: string; memberIds: string[] } {
  const groupId = r.string();
  if (version >= 3) {
    return {
      groupId,
      memberIds: r.array((r) => {
        const id = r.string();
        r.nullableString();
        return id;
      }),
    };
  }
  return { groupId, memberIds: [r.string()] };
}

export function encodeLeaveGroupResponse(
  w: Writer,
  version: number,
  res: { errorCode: number; members: { memberId: string; errorCode: number }[] },
): void {
  if (version >= 1) w.int32(0);
  w.int16(res.errorCode);
  if (version >= 3)
    w.array(res.members, (w, m) => w.string(m.memberId).nullableString(null).int16(m.errorCode));
}
