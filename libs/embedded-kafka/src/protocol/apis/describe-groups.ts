import { GroupDescription } from '../../group/group-coordinator';
import { Reader } from '../reader';
import { Writer } from '../writer';

export function decodeDescribeGroupsRequest(r: Reader): string[] {
  return r.array((r) => r.string());
}

export function encodeDescribeGroupsResponse(
  w: Writer,
  version: number,
  groups: GroupDescription[],
): void {
  if (version >= 1) w.int32(0);
  w.array(groups, (w, g) => {
    w.int16(0).string(g.groupId).string(g.state).string(g.protocolType).string(g.protocolName);
    w.array(g.members, (w, m) => {
      w.string(m.memberId).string(m.clientId).string(m.clientHost);
      w.nullableBytes(m.metadata).nullableBytes(m.assignment);
    });
  });
}
