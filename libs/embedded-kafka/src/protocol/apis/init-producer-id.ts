import { Reader } from '../reader';
import { Writer } from '../writer';

export function decodeInitProducerIdRequest(r: Reader): {
  transactionalId: string | null;
  transactionTimeoutMs: number;
} {
  return { transactionalId: r.nullableString(), transactionTimeoutMs: r.int32() };
}

export function encodeInitProducerIdResponse(
  w: Writer,
  res: { errorCode: number; producerId: number; producerEpoch: number },
): void {
  w.int32(0).int16(res.errorCode).int64(res.producerId).int16(res.producerEpoch);
}
