import { KeyObject, createHmac, sign } from 'crypto';
import { secretKey } from './signing-secret';

export interface StandardWebhooksInput {
  /** `webhook-id`: the delivery id, the same on every attempt. */
  id: string;
  now: Date;
  body: string;
  /** `whsec_` secrets to sign with (one `v1,` signature each). */
  secrets: readonly string[];
  /** ed25519 private keys to sign with (one `v1a,` signature each). */
  ed25519Keys?: readonly KeyObject[];
}

/** `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>` */
export function standardWebhooksSignature(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): string {
  // The short prefix joined, the body fed as it is: joining the body too would copy it into a
  // new string, and each update() is a call into the native binding.
  const mac = createHmac('sha256', secretKey(secret))
    .update(`${id}.${timestamp}.`)
    .update(body)
    .digest('base64');
  return `v1,${mac}`;
}

/** `v1a,<base64 ed25519 signature of "<id>.<timestamp>.<body>">` (the asymmetric scheme). */
export function standardWebhooksAsymmetricSignature(
  key: KeyObject,
  id: string,
  timestamp: number,
  body: string,
): string {
  const signed = Buffer.from(`${id}.${timestamp}.${body}`, 'utf8');
  return `v1a,${sign(null, signed, key).toString('base64')}`;
}

/** The Standard Webhooks headers: `webhook-id`, `webhook-timestamp`, `webhook-signature`. */
export function signStandardWebhooks(input: StandardWebhooksInput): Record<string, string> {
  const timestamp = Math.floor(input.now.getTime() / 1000);
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': [
      ...input.secrets.map((s) => standardWebhooksSignature(s, input.id, timestamp, input.body)),
      ...(input.ed25519Keys ?? []).map((k) =>
        standardWebhooksAsymmetricSignature(k, input.id, timestamp, input.body),
      ),
    ].join(' '),
  };
}
