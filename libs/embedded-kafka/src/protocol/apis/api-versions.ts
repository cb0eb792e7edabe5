import { VersionRange } from '../api-keys';
import { Reader } from '../reader';
import { Writer } from '../writer';

/**
 * v3 and v4 (the same layout) carry the client software name/version in a flexible body;
 * earlier versions are empty.
 */
export function decodeApiVersionsRequest(r: Reader, version: number): void {
  if (version >= 3) {
    r.compactString();
    r.compactString();
    r.taggedFields();
  }
}

export function encodeApiVersionsResponse(
  w: Writer,
  version: number,
  errorCode: number,
  ranges: readonly VersionRange[],
): void {
  w.int16(errorCode);
  if (version >= 3) {
    w.compactArray(ranges, (w, v) =>
      w.int16(v.apiKey).int16(v.min).int16(v.max).emptyTaggedFields(),
    );
    w.int32(0); // throttle
    w.emptyTaggedFields();
    return;
  }
  w.array(ranges, (w, v) => w.int16(v.apiKey).int16(v.min).int16(v.max));
  if (version >= 1) w.int32(0);
}
