import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import {
  signStandardWebhooks,
  standardWebhooksAsymmetricSignature,
  standardWebhooksSignature,
} from './standard-webhooks';
import { createPrivateKey, generateKeyPairSync, randomBytes, verify } from 'crypto';
import {
  RFC9421_ED25519_PRIVATE,
  STANDARD_WEBHOOKS_ASYMMETRIC_EXAMPLE,
  STANDARD_WEBHOOKS_EXAMPLE,
} from './testing/signature-vectors';
import {
  keyFromStandardWebhooksPublicKey,
  keyFromStandardWebhooksSecretKey,
  standardWebhooksPublicKey,
  standardWebhooksSecretKey,
} from './signing-keys';
import { SecretBox, secretFingerprint } from './secret-box';
import { SigningKeyring, activeSecrets } from './signing-secret';

const OLD = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const NEW = 'whsec_' + Buffer.from('a-brand-new-secret-of-32-bytes!!').toString('base64');
const body = JSON.stringify({ type: 'order.created', data: { id: 42, note: 'ünïcødé' } });

describe('Standard Webhooks signing', () => {
  it('is verified by the standardwebhooks and svix libraries', () => {
    const headers = signStandardWebhooks({ id: 'msg_1', now: new Date(), body, secrets: [OLD] });
    expect(new StandardWebhook(OLD).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new SvixWebhook(OLD).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('fails verification with another secret or a changed body', () => {
    const headers = signStandardWebhooks({ id: 'msg_1', now: new Date(), body, secrets: [OLD] });
    expect(() => new StandardWebhook(NEW).verify(body, headers)).toThrow();
    expect(() => new SvixWebhook(OLD).verify(body + ' ', headers)).toThrow();
  });

  it('signs once per secret during a rotation overlap, verifiable with either', () => {
    const now = new Date();
    const box = new SecretBox([{ id: 'k1', key: randomBytes(32) }]);
    const sealed = (plain: string, expiresAt: string | null) => ({
      sealed: box.seal(plain),
      fingerprint: secretFingerprint(plain),
      expiresAt,
    });
    const keyring = new SigningKeyring(box);
    const secrets = activeSecrets(
      [sealed(OLD, new Date(now.getTime() + 60_000).toISOString()), sealed(NEW, null)],
      now,
    ).map((s) => keyring.open(s));
    const headers = signStandardWebhooks({ id: 'msg_2', now, body, secrets });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new StandardWebhook(OLD).verify(body, headers)).not.toThrow();
    expect(() => new SvixWebhook(NEW).verify(body, headers)).not.toThrow();
  });

  it('uses the injected clock for webhook-timestamp (seconds)', () => {
    const headers = signStandardWebhooks({
      id: 'msg_3',
      now: new Date('2026-03-01T10:00:00.900Z'),
      body,
      secrets: [OLD],
    });
    expect(headers['webhook-timestamp']).toBe(String(Date.parse('2026-03-01T10:00:00Z') / 1000));
    expect(headers['webhook-id']).toBe('msg_3');
  });
});

describe('activeSecrets', () => {
  const now = new Date('2026-03-01T10:00:00Z');
  it('drops expired secrets', () => {
    expect(
      activeSecrets(
        [
          { sealed: 'old', fingerprint: 'f1', expiresAt: '2026-03-01T09:59:59Z' },
          { sealed: 'new', fingerprint: 'f2', expiresAt: null },
        ],
        now,
      ),
    ).toEqual(['new']);
  });
  it('keeps the last-expired secret when all have expired', () => {
    expect(
      activeSecrets(
        [
          { sealed: 'old', fingerprint: 'f1', expiresAt: '2026-02-01T00:00:00Z' },
          { sealed: 'new', fingerprint: 'f2', expiresAt: '2026-02-02T00:00:00Z' },
        ],
        now,
      ),
    ).toEqual(['new']);
  });
  it('refuses a secret without the whsec_ prefix when signing', () => {
    expect(() => signStandardWebhooks({ id: 'x', now, body: '', secrets: ['abc'] })).toThrow(
      /whsec_/,
    );
  });
});

describe('Standard Webhooks specification examples', () => {
  it('gives the libraries’ example v1 signature exactly', () => {
    const e = STANDARD_WEBHOOKS_EXAMPLE;
    expect(standardWebhooksSignature(e.secret, e.id, e.timestamp, e.body)).toBe(e.signature);
    expect(new StandardWebhook(e.secret).sign(e.id, new Date(e.timestamp * 1000), e.body)).toBe(
      e.signature,
    );
  });

  it('gives the reference library’s example v1a signature exactly (whsk_ of a 32-byte seed)', () => {
    const e = STANDARD_WEBHOOKS_ASYMMETRIC_EXAMPLE;
    const key = keyFromStandardWebhooksSecretKey(`whsk_${e.seed}`);
    expect(standardWebhooksAsymmetricSignature(key, e.id, e.timestamp, e.body)).toBe(e.signature);
    // The same key as a 64-byte whsk_ (seed and public key) signs the same.
    const whsk = standardWebhooksSecretKey(key);
    expect(Buffer.from(whsk.slice(5), 'base64').subarray(0, 32).toString('base64')).toBe(e.seed);
    expect(
      standardWebhooksAsymmetricSignature(
        keyFromStandardWebhooksSecretKey(whsk),
        e.id,
        e.timestamp,
        e.body,
      ),
    ).toBe(e.signature);
  });
});

describe('Standard Webhooks asymmetric (v1a, ed25519)', () => {
  const key = createPrivateKey(RFC9421_ED25519_PRIVATE);
  const whpk = standardWebhooksPublicKey(key);

  /** A receiver's check, written from the specification with Node's crypto and the whpk_ key. */
  function receiverAccepts(headers: Record<string, string>, payload: string, publicKey: string) {
    const signed = Buffer.from(
      `${headers['webhook-id']}.${headers['webhook-timestamp']}.${payload}`,
    );
    return headers['webhook-signature']
      .split(' ')
      .filter((s) => s.startsWith('v1a,'))
      .some((s) =>
        verify(
          null,
          signed,
          keyFromStandardWebhooksPublicKey(publicKey),
          Buffer.from(s.slice(4), 'base64'),
        ),
      );
  }

  it('serialises keys as whsk_ (64-byte secret key) and whpk_ (32-byte public key)', () => {
    expect(whpk).toBe('whpk_JrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=');
    const whsk = standardWebhooksSecretKey(key);
    expect(whsk).toMatch(/^whsk_/);
    expect(Buffer.from(whsk.slice(5), 'base64')).toHaveLength(64);
    const back = keyFromStandardWebhooksSecretKey(whsk);
    expect(standardWebhooksPublicKey(back)).toBe(whpk);
  });

  it('signs "<id>.<timestamp>.<body>" with ed25519, deterministic for a key', () => {
    const e = STANDARD_WEBHOOKS_EXAMPLE;
    const sig = standardWebhooksAsymmetricSignature(key, e.id, e.timestamp, e.body);
    expect(sig).toMatch(/^v1a,[A-Za-z0-9+/]{86}==$/);
    expect(standardWebhooksAsymmetricSignature(key, e.id, e.timestamp, e.body)).toBe(sig);
  });

  it('sends v1 and v1a side by side; each verifier takes its own and rejects tampering', () => {
    const headers = signStandardWebhooks({
      id: 'msg_9',
      now: new Date(),
      body,
      secrets: [OLD],
      ed25519Keys: [key],
    });
    expect(headers['webhook-signature']).toMatch(/^v1,\S+ v1a,\S+$/);
    expect(receiverAccepts(headers, body, whpk)).toBe(true);
    expect(new StandardWebhook(OLD).verify(body, headers)).toEqual(JSON.parse(body));
    expect(receiverAccepts(headers, body + ' ', whpk)).toBe(false);
    const stranger = standardWebhooksPublicKey(generateKeyPairSync('ed25519').privateKey);
    expect(receiverAccepts(headers, body, stranger)).toBe(false);
  });

  it('v1a alone: no HMAC signature at all', () => {
    const headers = signStandardWebhooks({
      id: 'm',
      now: new Date(),
      body,
      secrets: [],
      ed25519Keys: [key],
    });
    expect(headers['webhook-signature'].startsWith('v1a,')).toBe(true);
    expect(headers['webhook-signature']).not.toContain('v1,');
  });
});
