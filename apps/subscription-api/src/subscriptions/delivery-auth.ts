import { X509Certificate } from 'crypto';
import { DeliveryCredential, DeliveryTls, SealedValue } from '@herald/contracts';
import { SecretBox, secretFingerprint } from '@herald/delivery';
import { CredentialInput, TlsInput } from './delivery-auth-input';

function sealed(box: SecretBox, plain: string): SealedValue {
  return { sealed: box.seal(plain), fingerprint: secretFingerprint(plain) };
}

/** A validated credential as it is stored: its secret part sealed. */
export function sealCredential(box: SecretBox, input: CredentialInput): DeliveryCredential {
  switch (input.type) {
    case 'header':
      return { type: 'header', name: input.name!, value: sealed(box, input.value!) };
    case 'basic':
      return { type: 'basic', username: input.username!, password: sealed(box, input.password!) };
    case 'oauth2':
      return {
        type: 'oauth2',
        tokenUrl: input.tokenUrl!,
        clientId: input.clientId!,
        clientSecret: sealed(box, input.clientSecret!),
        scope: input.scope ?? null,
        audience: input.audience ?? null,
        clientAuthMethod: input.clientAuthMethod ?? 'client_secret_basic',
      };
  }
}

/** Validated TLS material as it is stored: the private key sealed. */
export function sealTls(box: SecretBox, input: TlsInput): DeliveryTls {
  return {
    clientCertificate: input.clientCertificate ?? null,
    clientKey: input.clientKey === undefined ? null : sealed(box, input.clientKey),
    ca: input.ca ?? null,
  };
}

/** What views show of a credential: everything but the secret, which is a fingerprint. */
export function credentialView(c: DeliveryCredential | null | undefined) {
  if (!c) return null;
  switch (c.type) {
    case 'header':
      return { type: c.type, name: c.name, fingerprint: c.value.fingerprint };
    case 'basic':
      return { type: c.type, username: c.username, fingerprint: c.password.fingerprint };
    case 'oauth2':
      return {
        type: c.type,
        tokenUrl: c.tokenUrl,
        clientId: c.clientId,
        scope: c.scope,
        audience: c.audience,
        clientAuthMethod: c.clientAuthMethod,
        fingerprint: c.clientSecret.fingerprint,
      };
  }
}

function certificateSummary(pem: string) {
  try {
    const x = new X509Certificate(pem);
    return {
      subject: x.subject,
      issuer: x.issuer,
      validTo: new Date(x.validTo).toISOString(),
      fingerprint256: x.fingerprint256,
    };
  } catch {
    return { subject: null, issuer: null, validTo: null, fingerprint256: null };
  }
}

/** What views show of TLS material: certificate summaries and the key's fingerprint. */
export function tlsView(t: DeliveryTls | null | undefined) {
  if (!t) return null;
  return {
    clientCertificate: t.clientCertificate ? certificateSummary(t.clientCertificate) : null,
    clientKey: t.clientKey ? { fingerprint: t.clientKey.fingerprint } : null,
    ca: t.ca ? certificateSummary(t.ca) : null,
  };
}
