import { Subscription } from '@herald/contracts';
import { applyPatch, buildSubscription, semanticIssues } from './subscription-draft';
import { SigningInput } from './signing-options';

const ids = {
  id: 'sub_1',
  tenantId: 'acme',
  secret: { sealed: 'hsk1:k1:x', fingerprint: 'sha256:00', expiresAt: null },
  now: new Date('2026-01-01T00:00:00Z'),
};

const build = (signing?: SigningInput, headers?: Record<string, string>) =>
  buildSubscription({ url: 'https://example.com', eventTypes: ['a'], signing, headers }, ids);

describe('signing options', () => {
  it('keeps a subscription without options on the scheme alone', () => {
    const s = build({ scheme: 'http-message-signatures' });
    expect(s.signing).toEqual({
      scheme: 'http-message-signatures',
      secrets: [ids.secret],
    });
    expect(semanticIssues(s)).toEqual([]);
  });

  it('fills the defaults of each member and derives the scheme', () => {
    const s = build({
      options: {
        standardWebhooks: { asymmetric: true },
        httpMessageSignatures: { algorithm: 'ed25519' },
        cavage: { algorithm: 'hs2019' },
      },
    });
    expect(s.signing.scheme).toBe('http-message-signatures');
    expect(s.signing.options).toEqual({
      standardWebhooks: { symmetric: true, asymmetric: true },
      httpMessageSignatures: {
        algorithm: 'ed25519',
        components: ['@method', '@target-uri', 'content-digest', 'date'],
        digest: 'sha-256',
        expiresInSeconds: null,
        nonce: false,
        tag: null,
      },
      cavage: { algorithm: 'hs2019', headers: ['(request-target)', 'host', 'date', 'digest'] },
      keyScope: 'tenant',
      keys: [],
    });
    expect(semanticIssues(s)).toEqual([]);
  });

  it('takes the legacy scheme as the RFC 9421 member when options leave it out', () => {
    const s = build({
      scheme: 'http-message-signatures',
      options: { standardWebhooks: { symmetric: false, asymmetric: true } },
    });
    expect(s.signing.options?.httpMessageSignatures?.algorithm).toBe('hmac-sha256');
    expect(semanticIssues(s)).toEqual([]);
  });

  it('accepts the Copernica header set with its account-id header among the custom ones', () => {
    const s = build(
      {
        options: {
          cavage: {
            algorithm: 'rsa-sha256',
            headers: ['(request-target)', 'host', 'date', 'x-copernica-id', 'digest'],
          },
          keyScope: 'subscription',
        },
      },
      { 'X-Copernica-ID': '12345' },
    );
    expect(semanticIssues(s)).toEqual([]);
  });

  it.each<[string, SigningInput, Record<string, string>, { field: string; message: RegExp }[]]>([
    [
      'an unknown derived component',
      {
        options: {
          httpMessageSignatures: { algorithm: 'ed25519', components: ['@method', '@status'] },
        },
      },
      {},
      [
        {
          field: 'signing.options.httpMessageSignatures.components.1',
          message: /not a derived component/,
        },
      ],
    ],
    [
      'a covered header that is not sent',
      { options: { httpMessageSignatures: { algorithm: 'hmac-sha256', components: ['x-acct'] } } },
      { 'X-Other': '1' },
      [
        {
          field: 'signing.options.httpMessageSignatures.components.0',
          message: /x-acct, which is not sent/,
        },
      ],
    ],
    [
      'RFC 9421 covering the cavage Digest header',
      { options: { httpMessageSignatures: { algorithm: 'ed25519', components: ['digest'] } } },
      {},
      [{ field: 'signing.options.httpMessageSignatures.components.0', message: /not sent/ }],
    ],
    [
      '(created) with rsa-sha256',
      { options: { cavage: { algorithm: 'rsa-sha256', headers: ['(created)', 'digest'] } } },
      {},
      [{ field: 'signing.options.cavage.headers.0', message: /rsa-sha256/ }],
    ],
    [
      'an unknown pseudo-header',
      { options: { cavage: { algorithm: 'hs2019', headers: ['(method)'] } } },
      {},
      [{ field: 'signing.options.cavage.headers.0', message: /not a pseudo-header/ }],
    ],
    [
      'a custom Digest header beside cavage',
      { options: { cavage: { algorithm: 'hs2019' } } },
      { Digest: 'x' },
      [{ field: 'headers.Digest', message: /set by Herald/ }],
    ],
    [
      'no signature at all',
      { options: { standardWebhooks: { symmetric: false } } },
      {},
      [{ field: 'signing.options', message: /at least one signature/ }],
    ],
    [
      'a scheme that contradicts the options',
      { scheme: 'standard-webhooks', options: { httpMessageSignatures: { algorithm: 'ed25519' } } },
      {},
      [{ field: 'signing.scheme', message: /must be http-message-signatures/ }],
    ],
  ])('names the field of %s', (_what, signing, headers, expected) => {
    expect(semanticIssues(build(signing, headers))).toEqual(
      expected.map((e) => ({ field: e.field, message: expect.stringMatching(e.message) })),
    );
  });

  describe('on PATCH', () => {
    const withOptions = (): Subscription =>
      build({
        options: {
          standardWebhooks: { asymmetric: true },
          httpMessageSignatures: { algorithm: 'ecdsa-p256-sha256', tag: 'herald' },
        },
      });

    it('replaces each member given whole and keeps the others', () => {
      const next = applyPatch(withOptions(), {
        signing: { options: { httpMessageSignatures: { algorithm: 'rsa-pss-sha512' } } },
      });
      expect(next.signing.options?.standardWebhooks).toEqual({ symmetric: true, asymmetric: true });
      expect(next.signing.options?.httpMessageSignatures).toMatchObject({
        algorithm: 'rsa-pss-sha512',
        tag: null,
      });
      expect(semanticIssues(next)).toEqual([]);
    });

    it('turns RFC 9421 off with the member null, and the scheme follows', () => {
      const next = applyPatch(withOptions(), {
        signing: { options: { httpMessageSignatures: null } },
      });
      expect(next.signing.scheme).toBe('standard-webhooks');
      expect(next.signing.options?.httpMessageSignatures).toBeNull();
      expect(semanticIssues(next)).toEqual([]);
    });

    it('takes a legacy scheme patch on a subscription with options', () => {
      const off = applyPatch(withOptions(), { signing: { scheme: 'standard-webhooks' } });
      expect(off.signing.options?.httpMessageSignatures).toBeNull();
      const hmac = applyPatch(off, { signing: { scheme: 'http-message-signatures' } });
      expect(hmac.signing.options?.httpMessageSignatures?.algorithm).toBe('hmac-sha256');
      const kept = applyPatch(withOptions(), { signing: { scheme: 'http-message-signatures' } });
      expect(kept.signing.options?.httpMessageSignatures?.algorithm).toBe('ecdsa-p256-sha256');
      expect([off, hmac, kept].flatMap((s) => semanticIssues(s))).toEqual([]);
    });

    it('goes back to the scheme alone with options null', () => {
      const next = applyPatch(withOptions(), { signing: { options: null } });
      expect(next.signing.options).toBeUndefined();
      expect(next.signing.scheme).toBe('http-message-signatures');
    });

    it('refuses a custom header removed while RFC 9421 still covers it', () => {
      const s = build(
        { options: { httpMessageSignatures: { algorithm: 'ed25519', components: ['x-acct'] } } },
        { 'X-Acct': '1' },
      );
      expect(semanticIssues(applyPatch(s, { headers: {} }))).toEqual([
        {
          field: 'signing.options.httpMessageSignatures.components.0',
          message: expect.stringMatching(/not sent/),
        },
      ]);
    });
  });
});
