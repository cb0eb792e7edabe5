import { DeliveryCredential, SealedValue, Subscription } from '@herald/contracts';

type Sealing = Pick<Subscription, 'signing' | 'credential' | 'tls'>;

/**
 * Every sealed value a subscription carries (`hsk1:...`): its `whsec_` signing secrets, the
 * private keys of its signing key pairs (as the changelog carries them), the secret part of its
 * delivery credential (header value, Basic password, OAuth 2.0 client secret) and its mutual TLS
 * client key. What the start-up checks open and the reseal rewrites.
 */
export function sealedValuesOf(s: Sealing): string[] {
  const values = s.signing.secrets
    .map((x) => (x as { sealed?: string }).sealed)
    .filter((x): x is string => typeof x === 'string');
  for (const key of s.signing.options?.keys ?? []) values.push(key.sealed);
  const credential = s.credential && credentialSecret(s.credential);
  if (credential) values.push(credential.sealed);
  if (s.tls?.clientKey) values.push(s.tls.clientKey.sealed);
  return values;
}

/** The subscription with each sealed value replaced by `reseal(value)` (the same kinds as above). */
export function withSealedValues<T extends Sealing>(s: T, reseal: (sealed: string) => string): T {
  const value = <V extends { sealed: string }>(v: V): V => {
    const sealed = reseal(v.sealed);
    return sealed === v.sealed ? v : { ...v, sealed };
  };
  const secrets = s.signing.secrets.map((x) =>
    typeof (x as { sealed?: unknown }).sealed === 'string' ? value(x) : x,
  );
  const options = s.signing.options && {
    ...s.signing.options,
    keys: s.signing.options.keys.map(value),
  };
  return {
    ...s,
    signing: { ...s.signing, secrets, ...(options ? { options } : {}) },
    ...(s.credential ? { credential: withCredentialSecret(s.credential, value) } : {}),
    ...(s.tls?.clientKey ? { tls: { ...s.tls, clientKey: value(s.tls.clientKey) } } : {}),
  };
}

function credentialSecret(c: DeliveryCredential): SealedValue {
  switch (c.type) {
    case 'header':
      return c.value;
    case 'basic':
      return c.password;
    case 'oauth2':
      return c.clientSecret;
  }
}

function withCredentialSecret(
  c: DeliveryCredential,
  value: (v: SealedValue) => SealedValue,
): DeliveryCredential {
  switch (c.type) {
    case 'header':
      return { ...c, value: value(c.value) };
    case 'basic':
      return { ...c, password: value(c.password) };
    case 'oauth2':
      return { ...c, clientSecret: value(c.clientSecret) };
  }
}
