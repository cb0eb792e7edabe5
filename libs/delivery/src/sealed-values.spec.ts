import { Subscription } from '@herald/contracts';
import { baseSubscription } from '@herald/contracts/testing';
import { SecretBox, sealedKeyId } from './secret-box';
import { sealedValuesOf, withSealedValues } from './sealed-values';

const a = new SecretBox([{ id: 'a', key: Buffer.alloc(32, 1) }]);
const b = new SecretBox([
  { id: 'b', key: Buffer.alloc(32, 2) },
  { id: 'a', key: Buffer.alloc(32, 1) },
]);
const value = (plain: string) => ({ sealed: a.seal(plain), fingerprint: `fp:${plain}` });

function sealedWithA(credential: Subscription['credential']): Subscription {
  const s = baseSubscription();
  return {
    ...s,
    signing: {
      scheme: 'standard-webhooks',
      secrets: [
        { ...value('whsec_new'), expiresAt: null },
        { ...value('whsec_old'), expiresAt: '2026-12-04T00:00:00.000Z' },
      ],
      options: {
        standardWebhooks: { symmetric: true, asymmetric: true },
        httpMessageSignatures: null,
        cavage: null,
        keyScope: 'tenant',
        keys: [{ kid: 'hk_1', type: 'ed25519', sealed: a.seal('PEM'), expiresAt: null }],
      },
    },
    credential,
    tls: { clientCertificate: 'CERT', clientKey: value('TLS KEY'), ca: null },
  };
}

const CREDENTIALS: Subscription['credential'][] = [
  { type: 'header', name: 'X-Api-Key', value: value('api-key') },
  { type: 'basic', username: 'herald', password: value('password') },
  {
    type: 'oauth2',
    tokenUrl: 'https://auth.example.com/token',
    clientId: 'herald',
    clientSecret: value('client-secret'),
    scope: null,
    audience: null,
    clientAuthMethod: 'client_secret_basic',
  },
];

describe('every sealed value of a subscription', () => {
  it.each(CREDENTIALS.map((c) => [c!.type, c]))(
    'with a %s credential: secrets, key pairs, the credential and the TLS key are listed and resealed',
    (_type, credential) => {
      const s = sealedWithA(credential);
      const plain = sealedValuesOf(s).map((v) => a.open(v));
      expect(plain).toEqual([
        'whsec_new',
        'whsec_old',
        'PEM',
        credential!.type === 'header'
          ? 'api-key'
          : credential!.type === 'basic'
            ? 'password'
            : 'client-secret',
        'TLS KEY',
      ]);
      const resealed = withSealedValues(s, (v) => b.seal(b.open(v)));
      expect(sealedValuesOf(resealed).map(sealedKeyId)).toEqual(['b', 'b', 'b', 'b', 'b']);
      expect(sealedValuesOf(resealed).map((v) => b.open(v))).toEqual(plain);
      // Nothing else changes: fingerprints, expiry, names and the certificate stay.
      const strip = (x: Subscription) => JSON.stringify(x).replace(/hsk1:[^"]+/g, 'SEALED');
      expect(strip(resealed)).toBe(strip(s));
    },
  );

  it('without a credential, TLS or options there is only the signing secret', () => {
    const s = { ...baseSubscription(), credential: null, tls: null };
    expect(sealedValuesOf(s)).toEqual(s.signing.secrets.map((x) => x.sealed));
    const same = withSealedValues(s, (v) => v);
    expect(same).toEqual(s);
  });
});
