import type { Schemas } from './api/client';
import { securityFormOf, securityPatchOf } from './delivery-security-model';

type Subscription = Schemas['Subscription'];

const plain: Subscription = {
  id: 'sub_1',
  signing: { scheme: 'standard-webhooks', options: { standardWebhooks: { symmetric: true } } },
  credential: null,
};

describe('the signatures and authentication panel', () => {
  it('shows a plain subscription as v1, only, with the tenant keys and no credential', () => {
    const form = securityFormOf(plain);
    expect(form).toMatchObject({
      symmetric: true,
      asymmetric: false,
      rfc9421: '',
      cavage: '',
      keyScope: 'tenant',
      credential: '',
    });
    expect(securityPatchOf(form)).toEqual({
      body: {
        signing: {
          options: {
            standardWebhooks: { symmetric: true, asymmetric: false },
            httpMessageSignatures: null,
            cavage: null,
            keyScope: 'tenant',
          },
        },
      },
      issues: [],
    });
  });

  it('sends every scheme as the API takes it, with components split on spaces', () => {
    const { body, issues } = securityPatchOf({
      ...securityFormOf(plain),
      asymmetric: true,
      rfc9421: 'ed25519',
      rfc9421Components: '@method  @authority content-digest x-account-id',
      rfc9421Digest: 'sha-512',
      rfc9421ExpiresInSeconds: '300',
      rfc9421Nonce: true,
      rfc9421Tag: ' herald ',
      cavage: 'rsa-sha256',
      cavageHeaders: '(request-target) host date x-copernica-id digest',
      keyScope: 'subscription',
    });
    expect(issues).toEqual([]);
    expect(body.signing).toEqual({
      options: {
        standardWebhooks: { symmetric: true, asymmetric: true },
        httpMessageSignatures: {
          algorithm: 'ed25519',
          components: ['@method', '@authority', 'content-digest', 'x-account-id'],
          digest: 'sha-512',
          expiresInSeconds: 300,
          nonce: true,
          tag: 'herald',
        },
        cavage: {
          algorithm: 'rsa-sha256',
          headers: ['(request-target)', 'host', 'date', 'x-copernica-id', 'digest'],
        },
        keyScope: 'subscription',
      },
    });
  });

  it('refuses an expiry that is not a whole number of seconds, naming the field', () => {
    const { issues } = securityPatchOf({
      ...securityFormOf(plain),
      rfc9421: 'hmac-sha256',
      rfc9421ExpiresInSeconds: '1.5',
    });
    expect(issues).toEqual([
      {
        field: 'signing.options.httpMessageSignatures.expiresInSeconds',
        message: 'a whole number of seconds',
      },
    ]);
  });

  it('needs the secret of a new credential, and keeps a stored one when left empty', () => {
    const fresh = { ...securityFormOf(plain), credential: 'basic' as const, username: 'u' };
    expect(securityPatchOf(fresh).issues).toEqual([
      { field: 'credential.password', message: 'required for a new credential' },
    ]);
    expect(securityPatchOf({ ...fresh, password: 'p' }).body.credential).toEqual({
      type: 'basic',
      username: 'u',
      password: 'p',
    });

    const stored = securityFormOf({
      ...plain,
      credential: { type: 'header', name: 'X-Api-Key', fingerprint: 'sha256:00' },
    });
    expect(stored).toMatchObject({
      credential: 'header',
      headerName: 'X-Api-Key',
      headerValue: '',
    });
    const kept = securityPatchOf(stored);
    expect(kept.issues).toEqual([]);
    expect(kept.body).not.toHaveProperty('credential');
    expect(securityPatchOf({ ...stored, credential: '' }).body.credential).toBeNull();
  });

  it('sends OAuth 2.0 client credentials with scope and audience only when given', () => {
    const { body, issues } = securityPatchOf({
      ...securityFormOf(plain),
      credential: 'oauth2',
      tokenUrl: ' https://auth.example.com/token ',
      clientId: 'herald',
      clientSecret: 's3cret',
      scope: 'webhooks:write',
    });
    expect(issues).toEqual([]);
    expect(body.credential).toEqual({
      type: 'oauth2',
      tokenUrl: 'https://auth.example.com/token',
      clientId: 'herald',
      clientSecret: 's3cret',
      scope: 'webhooks:write',
    });
  });

  it('replaces TLS material only when some is given, and removes it on request', () => {
    const form = securityFormOf(plain);
    expect(securityPatchOf(form).body).not.toHaveProperty('tls');
    expect(
      securityPatchOf({ ...form, clientCertificate: ' CERT ', clientKey: 'KEY\n' }).body.tls,
    ).toEqual({ clientCertificate: 'CERT\n', clientKey: 'KEY\n' });
    expect(securityPatchOf({ ...form, ca: 'CA', removeTls: true }).body.tls).toBeNull();
  });
});
