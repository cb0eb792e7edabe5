import { ApiKey } from './api-keys';
import { Reader } from './reader';

export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
}

/**
 * Header v1 for every API here, except ApiVersions v3+ which uses flexible header v2
 * (trailing tagged fields). Responses always use header v0 (just the correlation id).
 */
export function decodeRequestHeader(r: Reader): RequestHeader {
  const apiKey = r.int16();
  const apiVersion = r.int16();
  const correlationId = r.int32();
  const clientId = r.nullableString();
  if (apiKey === ApiKey.ApiVersions && apiVersion >= 3) r.taggedFields();
  return { apiKey, apiVersion, correlationId, clientId };
}
