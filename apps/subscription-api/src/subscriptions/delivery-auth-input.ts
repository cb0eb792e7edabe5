import { X509Certificate, createPrivateKey, KeyObject } from 'crypto';
import { DeliveryCredentialType, OAuthClientAuthMethod } from '@herald/contracts';
import { FieldIssue } from '../http/problem';

/** `credential` of a subscription body (already checked against its JSON Schema). */
export interface CredentialInput {
  type: DeliveryCredentialType;
  name?: string;
  value?: string;
  username?: string;
  password?: string;
  tokenUrl?: string;
  clientId?: string;
  clientSecret?: string;
  scope?: string | null;
  audience?: string | null;
  clientAuthMethod?: OAuthClientAuthMethod;
}

/** `tls` of a subscription body. */
export interface TlsInput {
  clientCertificate?: string;
  clientKey?: string;
  ca?: string;
}

const FIELDS_OF: Record<DeliveryCredentialType, { required: string[]; optional: string[] }> = {
  header: { required: ['name', 'value'], optional: [] },
  basic: { required: ['username', 'password'], optional: [] },
  oauth2: {
    required: ['tokenUrl', 'clientId', 'clientSecret'],
    optional: ['scope', 'audience', 'clientAuthMethod'],
  },
};

/** The fields the credential's type needs, and none of another type's. */
export function credentialIssues(input: CredentialInput): FieldIssue[] {
  const { required, optional } = FIELDS_OF[input.type];
  const issues: FieldIssue[] = [];
  for (const field of required) {
    if ((input as unknown as Record<string, unknown>)[field] === undefined) {
      issues.push({ field: `credential.${field}`, message: `is required for type ${input.type}` });
    }
  }
  for (const field of Object.keys(input)) {
    if (field !== 'type' && !required.includes(field) && !optional.includes(field)) {
      issues.push({ field: `credential.${field}`, message: `is not used by type ${input.type}` });
    }
  }
  return issues;
}

/** Most certificates in one PEM field (a chain, or a CA bundle). */
const MAX_PEM_CERTIFICATES = 20;
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\r\n]*?)-----END \1-----/g;

/** The PEM blocks of a field, or a problem when there is anything else in it. */
function pemBlocks(pem: string): { label: string; text: string }[] | string {
  const blocks: { label: string; text: string }[] = [];
  let rest = pem;
  for (const match of pem.matchAll(PEM_BLOCK)) {
    blocks.push({ label: match[1], text: match[0] });
    rest = rest.replace(match[0], '');
    if (blocks.length > MAX_PEM_CERTIFICATES)
      return `has more than ${MAX_PEM_CERTIFICATES} PEM blocks`;
  }
  if (blocks.length === 0) return 'is not PEM (-----BEGIN ...----- blocks)';
  if (rest.trim() !== '') return 'has text outside its PEM blocks';
  return blocks;
}

/** Parses the certificates of a PEM field; a problem names what is wrong, never the content. */
function certificatesOf(pem: string, now: Date): X509Certificate[] | string {
  const blocks = pemBlocks(pem);
  if (typeof blocks === 'string') return blocks;
  const certificates: X509Certificate[] = [];
  for (const [i, block] of blocks.entries()) {
    if (block.label !== 'CERTIFICATE')
      return `block ${i + 1} is a ${block.label}, not a CERTIFICATE`;
    try {
      certificates.push(new X509Certificate(block.text));
    } catch {
      return `block ${i + 1} is not a readable X.509 certificate`;
    }
  }
  const expired = certificates.find((c) => Date.parse(c.validTo) < now.getTime());
  if (expired)
    return `holds a certificate that expired on ${new Date(expired.validTo).toISOString()}`;
  return certificates;
}

function privateKeyOf(pem: string): KeyObject | string {
  const encrypted = 'is encrypted (give the key without a passphrase: it is stored encrypted)';
  if (/Proc-Type: 4,ENCRYPTED/.test(pem)) return encrypted;
  const blocks = pemBlocks(pem);
  if (typeof blocks === 'string') return blocks;
  if (blocks.length !== 1) return 'must hold exactly one PEM private key';
  if (blocks[0].label === 'ENCRYPTED PRIVATE KEY') {
    return encrypted;
  }
  if (!/PRIVATE KEY$/.test(blocks[0].label)) return `is a ${blocks[0].label}, not a PRIVATE KEY`;
  try {
    return createPrivateKey({ key: blocks[0].text, format: 'pem' });
  } catch {
    return 'is not a readable private key';
  }
}

/** Certificate and key together, both readable, the key the certificate's; the CA readable. */
export function tlsIssues(input: TlsInput, now: Date): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { clientCertificate: cert, clientKey: key, ca } = input;
  if (cert === undefined && key === undefined && ca === undefined) {
    return [{ field: 'tls', message: 'needs clientCertificate and clientKey, or ca (or is null)' }];
  }
  if ((cert === undefined) !== (key === undefined)) {
    const missing = cert === undefined ? 'clientCertificate' : 'clientKey';
    issues.push({
      field: `tls.${missing}`,
      message: 'is required with the other half of the pair',
    });
  }
  let leaf: X509Certificate | undefined;
  if (cert !== undefined) {
    const parsed = certificatesOf(cert, now);
    if (typeof parsed === 'string')
      issues.push({ field: 'tls.clientCertificate', message: parsed });
    else leaf = parsed[0];
  }
  if (key !== undefined) {
    const parsed = privateKeyOf(key);
    if (typeof parsed === 'string') issues.push({ field: 'tls.clientKey', message: parsed });
    else if (leaf && !leaf.checkPrivateKey(parsed)) {
      issues.push({ field: 'tls.clientKey', message: 'is not the key of tls.clientCertificate' });
    }
  }
  if (ca !== undefined) {
    const parsed = certificatesOf(ca, now);
    if (typeof parsed === 'string') issues.push({ field: 'tls.ca', message: parsed });
  }
  return issues;
}
