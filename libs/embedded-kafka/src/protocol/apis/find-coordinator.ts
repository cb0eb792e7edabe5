import { Reader } from '../reader';
import { Writer } from '../writer';

export function decodeFindCoordinatorRequest(
  r: Reader,
  version: number,
): { key: string; keyType: number } {
  const key = r.string();
  return { key, keyType: version >= 1 ? r.int8() : 0 };
}

export function encodeFindCoordinatorResponse(
  w: Writer,
  version: number,
  res: { errorCode: number; nodeId: number; host: string; port: number },
): void {
  if (version >= 1) w.int32(0);
  w.int16(res.errorCode);
  if (version >= 1) w.nullableString(null);
  w.int32(res.nodeId).string(res.host).int32(res.port);
}
