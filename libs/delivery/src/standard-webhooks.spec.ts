import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { signStandardWebhooks } from './standard-webhooks';
import { randomBytes } from 'crypto';
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
