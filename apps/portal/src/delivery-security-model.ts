import type { Schemas } from './api/client';

type Subscription = Schemas['Subscription'];

export type Rfc9421Algorithm = 'ed25519' | 'ecdsa-p256-sha256' | 'rsa-pss-sha512' | 'hmac-sha256';
export type CavageAlgorithm = 'rsa-sha256' | 'hs2019';
export type CredentialType = 'header' | 'basic' | 'oauth2';

/**
 * What the "Signatures and authentication" panel edits, as its inputs hold it. Secret parts of
 * a credential and the TLS key are never shown by the API: empty means "keep the stored one".
 */
export interface SecurityFormState {
  symmetric: boolean;
  asymmetric: boolean;
  rfc9421: Rfc9421Algorithm | '';
  rfc9421Components: string;
  rfc9421Digest: 'sha-256' | 'sha-512';
  rfc9421ExpiresInSeconds: string;
  rfc9421Nonce: boolean;
  rfc9421Tag: string;
  cavage: CavageAlgorithm | '';
  cavageHeaders: string;
  keyScope: 'tenant' | 'subscription';
  credential: CredentialType | '';
  /** The stored credential's type: its secret may be kept only while the type stays. */
  storedCredential: CredentialType | '';
  headerName: string;
  headerValue: string;
  username: string;
  password: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  audience: string;
  /** PEM text that replaces the stored TLS material when any of it is given. */
  clientCertificate: string;
  clientKey: string;
  ca: string;
  removeTls: boolean;
}

export interface SecurityIssue {
  field: string;
  message: string;
}

interface Rfc9421View {
  algorithm?: Rfc9421Algorithm;
  components?: string[];
  digest?: 'sha-256' | 'sha-512';
  expiresInSeconds?: number | null;
  nonce?: boolean;
  tag?: string | null;
}

interface CavageView {
  algorithm?: CavageAlgorithm;
  headers?: string[];
}

interface CredentialView {
  type?: CredentialType;
  name?: string;
  username?: string;
  tokenUrl?: string;
  clientId?: string;
  scope?: string | null;
  audience?: string | null;
}

const words = (text: string) => text.split(/[\s,]+/).filter((w) => w.length > 0);

/** The panel's inputs for a subscription as the API shows it. */
export function securityFormOf(s: Subscription): SecurityFormState {
  const options = s.signing?.options ?? {};
  const rfc = (options.httpMessageSignatures ?? null) as Rfc9421View | null;
  const cavage = (options.cavage ?? null) as CavageView | null;
  const credential: CredentialView | null = s.credential ?? null;
  return {
    symmetric: options.standardWebhooks?.symmetric ?? true,
    asymmetric: options.standardWebhooks?.asymmetric ?? false,
    rfc9421: rfc?.algorithm ?? '',
    rfc9421Components: (rfc?.components ?? []).join(' '),
    rfc9421Digest: rfc?.digest ?? 'sha-256',
    rfc9421ExpiresInSeconds: rfc?.expiresInSeconds ? String(rfc.expiresInSeconds) : '',
    rfc9421Nonce: rfc?.nonce ?? false,
    rfc9421Tag: rfc?.tag ?? '',
    cavage: cavage?.algorithm ?? '',
    cavageHeaders: (cavage?.headers ?? []).join(' '),
    keyScope: options.keyScope ?? 'tenant',
    credential: credential?.type ?? '',
    storedCredential: credential?.type ?? '',
    headerName: credential?.name ?? '',
    headerValue: '',
    username: credential?.username ?? '',
    password: '',
    tokenUrl: credential?.tokenUrl ?? '',
    clientId: credential?.clientId ?? '',
    clientSecret: '',
    scope: credential?.scope ?? '',
    audience: credential?.audience ?? '',
    clientCertificate: '',
    clientKey: '',
    ca: '',
    removeTls: false,
  };
}

/**
 * The PATCH body for the panel's inputs, or what must be filled in first. A credential whose
 * secret is left empty is left out of the body (the stored one stays) when its type did not
 * change; a new credential type needs its secret.
 */
export function securityPatchOf(form: SecurityFormState): {
  body: Record<string, unknown>;
  issues: SecurityIssue[];
} {
  const issues: SecurityIssue[] = [];
  const expires = form.rfc9421ExpiresInSeconds.trim();
  if (expires && !/^[1-9][0-9]*$/.test(expires)) {
    issues.push({
      field: 'signing.options.httpMessageSignatures.expiresInSeconds',
      message: 'a whole number of seconds',
    });
  }
  const components = words(form.rfc9421Components);
  const cavageHeaders = words(form.cavageHeaders);
  const options = {
    standardWebhooks: { symmetric: form.symmetric, asymmetric: form.asymmetric },
    httpMessageSignatures: form.rfc9421
      ? {
          algorithm: form.rfc9421,
          ...(components.length ? { components } : {}),
          digest: form.rfc9421Digest,
          expiresInSeconds: expires ? Number(expires) : null,
          nonce: form.rfc9421Nonce,
          tag: form.rfc9421Tag.trim() || null,
        }
      : null,
    cavage: form.cavage
      ? { algorithm: form.cavage, ...(cavageHeaders.length ? { headers: cavageHeaders } : {}) }
      : null,
    keyScope: form.keyScope,
  };
  const body: Record<string, unknown> = { signing: { options } };
  const credential = credentialOf(form, issues);
  if (credential !== undefined) body.credential = credential;
  const tls = tlsOf(form);
  if (tls !== undefined) body.tls = tls;
  return { body, issues };
}

function credentialOf(
  form: SecurityFormState,
  issues: SecurityIssue[],
): Record<string, unknown> | null | undefined {
  const keep = form.credential === form.storedCredential;
  const secretOf = (value: string, field: string) => {
    if (value) return value;
    if (!keep)
      issues.push({ field: `credential.${field}`, message: 'required for a new credential' });
    return undefined;
  };
  switch (form.credential) {
    case '':
      return form.storedCredential ? null : undefined;
    case 'header': {
      const value = secretOf(form.headerValue, 'value');
      if (value === undefined) return undefined;
      return { type: 'header', name: form.headerName.trim(), value };
    }
    case 'basic': {
      const password = secretOf(form.password, 'password');
      if (password === undefined) return undefined;
      return { type: 'basic', username: form.username, password };
    }
    case 'oauth2': {
      const clientSecret = secretOf(form.clientSecret, 'clientSecret');
      if (clientSecret === undefined) return undefined;
      return {
        type: 'oauth2',
        tokenUrl: form.tokenUrl.trim(),
        clientId: form.clientId,
        clientSecret,
        ...(form.scope.trim() ? { scope: form.scope.trim() } : {}),
        ...(form.audience.trim() ? { audience: form.audience.trim() } : {}),
      };
    }
  }
}

/** New TLS material replaces the stored one whole; nothing given keeps it; remove drops it. */
function tlsOf(form: SecurityFormState): Record<string, string> | null | undefined {
  if (form.removeTls) return null;
  const given = Object.entries({
    clientCertificate: form.clientCertificate.trim(),
    clientKey: form.clientKey.trim(),
    ca: form.ca.trim(),
  }).filter(([, pem]) => pem.length > 0);
  return given.length ? Object.fromEntries(given.map(([k, pem]) => [k, `${pem}\n`])) : undefined;
}
