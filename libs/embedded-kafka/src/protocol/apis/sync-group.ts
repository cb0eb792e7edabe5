import { SyncResult } from '../../group/group';
import { Reader } from '../reader';
import { Writer } from '../writer';

export interface SyncGroupRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  assignments: { memberId: string; assignment: Buffer }[];
}

export function decodeSyncGroupRequest(r: Reader, version: number): SyncGroupRequest {
  const groupId = r.string();
  const generationId = r.int32();
  const memberId = r.string();
  if (version >= 3) r.nullableString(); // group instance id
  const assignments = r.array((r) => ({ memberId: r.string(), assignment: r.bytes() }));
  return { groupId, generationId, memberId, assignments };
}

/** The assignment is never null: kafkajs cannot decode a null assignment. */
export function encodeSyncGroupResponse(w: Writer, version: number, res: SyncResult): void {
  if (version >= 1) w.int32(0);
  w.int16(res.errorCode).nullableBytes(res.assignment);
}
