import { Writer } from '../writer';

export function encodeListGroupsResponse(
  w: Writer,
  version: number,
  groups: { groupId: string; protocolType: string }[],
): void {
  if (version >= 1) w.int32(0);
  w.int16(0);
  w.array(groups, (w, g) => w.string(g.groupId).string(g.protocolType));
}
