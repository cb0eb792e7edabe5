import { createHash, createHmac } from 'crypto';
import { secretKey } from './signing-secret';

export interface HttpMessageSignatureInput {
  method: string;
  url: string;
  body: string;
  now: Date;
  secrets: readonly string[];
  /** `keyid` parameter; the subscription id by default. */
  keyId: string;
}

export const COVERED_COMPONENTS = ['@method', '@target-uri', 'content-digest', 'date'] as const;

/** RFC 9530 `Content-Digest: sha-256=:<base64>:` */
export function contentDigest(body: string): string {
  return `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
}

/** The RFC 9421 signature base for the covered components and signature parameters. */
export function signatureBase(
  values: Record<(typeof COVERED_COMPONENTS)[number], string>,
  params: string,
): string {
  const lines = COVERED_COMPONENTS.map((c) => `"${c}": ${values[c]}`);
  lines.push(`"@signature-params": ${params}`);
  return lines.join('\n');
}

/**
 * RFC 9421 HTTP Message Signatures with `hmac-sha256` keyed by the subscription secret:
 * `Content-Digest`, `Date`, `Signature-Input` and `Signature` headers, one labelled signature
 * (`sig1`, `sig2`, ...) per active secret.
 */
export function signHttpMessage(input: HttpMessageSignatureInput): Record<string, string> {
  const created = Math.floor(input.now.getTime() / 1000);
  const values = {
    '@method': input.method.toUpperCase(),
    '@target-uri': input.url,
    'content-digest': contentDigest(input.body),
    date: input.now.toUTCString(),
  };
  const components = COVERED_COMPONENTS.map((c) => `"${c}"`).join(' ');
  const params = `(${components});created=${created};keyid="${input.keyId}";alg="hmac-sha256"`;
  const base = signatureBase(values, params);
  const inputs: string[] = [];
  const signatures: string[] = [];
  input.secrets.forEach((secret, i) => {
    const label = `sig${i + 1}`;
    const mac = createHmac('sha256', secretKey(secret)).update(base).digest('base64');
    inputs.push(`${label}=${params}`);
    signatures.push(`${label}=:${mac}:`);
  });
  return {
    'content-digest': values['content-digest'],
    date: values.date,
    'signature-input': inputs.join(', '),
    signature: signatures.join(', '),
  };
}
