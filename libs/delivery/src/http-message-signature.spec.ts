import { constants, createPrivateKey, createPublicKey, generateKeyPairSync, verify } from 'crypto';
import { createVerifier, httpbis } from 'http-message-signatures';
import {
  componentValue,
  contentDigest,
  signBase,
  signHttpMessage,
  signatureBase,
  signatureParamsValue,
} from './http-message-signature';
import {
  B21,
  B22,
  B23,
  B24,
  B25,
  B26,
  RFC9421_CREATED,
  RFC9421_ECC_P256_PRIVATE,
  RFC9421_ECC_P256_PUBLIC,
  RFC9421_ED25519_PRIVATE,
  RFC9421_ED25519_PUBLIC,
  RFC9421_REQUEST,
  RFC9421_RESPONSE,
  RFC9421_RSA_PSS_PRIVATE,
  RFC9421_RSA_PSS_PUBLIC,
  RFC9421_SHARED_SECRET,
} from './testing/signature-vectors';

const pss = (pem: string) => ({
  key: pem,
  padding: constants.RSA_PKCS1_PSS_PADDING,
  saltLength: constants.RSA_PSS_SALTLEN_AUTO,
});
const request = RFC9421_REQUEST;

/** A key pair of the same kind that did not sign: its public key must not verify. */
function wrongKeyOf(algorithm: string): string {
  const pair =
    algorithm === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : algorithm === 'ecdsa-p256-sha256'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
}

describe('RFC 9421 Appendix B test vectors', () => {
  it('B.2.1: the minimal signature parameters, and its RSA-PSS signature verifies', () => {
    const params = signatureParamsValue([], {
      created: RFC9421_CREATED,
      keyid: 'test-key-rsa-pss',
      nonce: 'b3k2pp5k7z-50gnwp.yemd',
    });
    expect(params).toBe(B21.params);
    const base = signatureBase([], request, params);
    expect(
      verify(
        'sha512',
        Buffer.from(base),
        pss(RFC9421_RSA_PSS_PUBLIC),
        Buffer.from(B21.signature, 'base64'),
      ),
    ).toBe(true);
  });

  it('B.2.2: Herald’s lines and tag parameter match the selective base; its signature verifies', () => {
    // Herald does not sign `@query-param`: the lines it can produce must match the RFC's.
    const params = signatureParamsValue(['@authority', 'content-digest'], {
      created: RFC9421_CREATED,
      keyid: 'test-key-rsa-pss',
      tag: 'header-example',
    });
    expect(params.slice(params.indexOf(')'))).toBe(B22.params.slice(B22.params.indexOf(')')));
    const lines = signatureBase(['@authority', 'content-digest'], request, params).split('\n');
    expect(lines.slice(0, 2)).toEqual(B22.base.split('\n').slice(0, 2));
    expect(
      verify(
        'sha512',
        Buffer.from(B22.base),
        pss(RFC9421_RSA_PSS_PUBLIC),
        Buffer.from(B22.signature, 'base64'),
      ),
    ).toBe(true);
  });

  it('B.2.3: the full-coverage signature base, byte for byte, and its signature verifies', () => {
    const params = signatureParamsValue(B23.components, {
      created: RFC9421_CREATED,
      keyid: 'test-key-rsa-pss',
    });
    const base = signatureBase(B23.components, request, params);
    expect(base).toBe(B23.base);
    expect(
      verify(
        'sha512',
        Buffer.from(base),
        pss(RFC9421_RSA_PSS_PUBLIC),
        Buffer.from(B23.signature, 'base64'),
      ),
    ).toBe(true);
  });

  it('B.2.3: Herald’s RSA-PSS signature over that base verifies with the RFC public key', () => {
    const ours = signBase('rsa-pss-sha512', createPrivateKey(RFC9421_RSA_PSS_PRIVATE), B23.base);
    expect(verify('sha512', Buffer.from(B23.base), pss(RFC9421_RSA_PSS_PUBLIC), ours)).toBe(true);
  });

  it('B.2.4: ECDSA P-256 signatures are r‖s (64 bytes), the RFC’s and Herald’s', () => {
    const publicKey = { key: RFC9421_ECC_P256_PUBLIC, dsaEncoding: 'ieee-p1363' as const };
    const theirs = Buffer.from(B24.signature, 'base64');
    expect(verify('sha256', Buffer.from(B24.base), publicKey, theirs)).toBe(true);
    const ours = signBase(
      'ecdsa-p256-sha256',
      createPrivateKey(RFC9421_ECC_P256_PRIVATE),
      B24.base,
    );
    expect(ours).toHaveLength(64);
    expect(verify('sha256', Buffer.from(B24.base), publicKey, ours)).toBe(true);
  });

  it('B.2.5: hmac-sha256 gives the RFC’s signature exactly', () => {
    const params = signatureParamsValue(B25.components, {
      created: RFC9421_CREATED,
      keyid: 'test-shared-secret',
    });
    expect(params).toBe(B25.params);
    const base = signatureBase(B25.components, request, params);
    const mac = signBase('hmac-sha256', Buffer.from(RFC9421_SHARED_SECRET, 'base64'), base);
    expect(mac.toString('base64')).toBe(B25.signature);
  });

  it('B.2.6: ed25519 gives the RFC’s signature exactly', () => {
    const params = signatureParamsValue(B26.components, {
      created: RFC9421_CREATED,
      keyid: 'test-key-ed25519',
    });
    expect(params).toBe(B26.params);
    const base = signatureBase(B26.components, request, params);
    const signature = signBase('ed25519', createPrivateKey(RFC9421_ED25519_PRIVATE), base);
    expect(signature.toString('base64')).toBe(B26.signature);
  });

  it('RFC 9530: Content-Digest of the test request body, sha-512 and sha-256', () => {
    expect(contentDigest(request.body, 'sha-512')).toBe(request.headers['content-digest']);
    expect(contentDigest('{"hello": "world"}')).toBe(
      'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:',
    );
  });
});

describe('RFC 9421 Appendix B signatures, checked by the http-message-signatures package', () => {
  const keys: Record<string, { alg: string; key: ReturnType<typeof createPublicKey> | Buffer }> = {
    'test-key-rsa-pss': { alg: 'rsa-pss-sha512', key: createPublicKey(RFC9421_RSA_PSS_PUBLIC) },
    'test-key-ecc-p256': {
      alg: 'ecdsa-p256-sha256',
      key: createPublicKey(RFC9421_ECC_P256_PUBLIC),
    },
    'test-key-ed25519': { alg: 'ed25519', key: createPublicKey(RFC9421_ED25519_PUBLIC) },
    'test-shared-secret': { alg: 'hmac-sha256', key: Buffer.from(RFC9421_SHARED_SECRET, 'base64') },
  };
  // The vectors carry no `alg`: the receiver knows each key's algorithm, as RFC 9421 expects.
  const keyLookup = async ({ keyid }: { keyid?: string }) => {
    const known = keys[String(keyid)];
    return known
      ? { id: keyid, algs: [known.alg], verify: createVerifier(known.key, known.alg) }
      : null;
  };
  const signed = (label: string, params: string, signature: string) => ({
    'signature-input': `${label}=${params}`,
    signature: `${label}=:${signature}:`,
  });
  const vectors = [
    ['B.2.1', B21.params, B21.signature],
    ['B.2.2', B22.params, B22.signature],
    ['B.2.3', B23.params, B23.signature],
    ['B.2.5', B25.params, B25.signature],
    ['B.2.6', B26.params, B26.signature],
  ] as const;

  for (const [name, params, signature] of vectors) {
    it(`${name}: the published request signature verifies, and not over a changed request`, async () => {
      const label = `sig-b2${name.slice(-1)}`;
      const headers = { ...request.headers, ...signed(label, params, signature) };
      expect(
        await httpbis.verifyMessage({ keyLookup }, { method: 'POST', url: request.url, headers }),
      ).toBe(true);
      // Every vector covers its @signature-params; B.2.1 covers nothing else, the rest @authority.
      const changed = { ...headers, host: 'example.org' };
      const other = name === 'B.2.1' ? headers['signature-input'].replace('b3k2', 'b3k3') : null;
      expect(
        await httpbis.verifyMessage(
          { keyLookup },
          {
            method: 'POST',
            url: other === null ? request.url.replace('example.com', 'example.org') : request.url,
            headers: other === null ? changed : { ...headers, 'signature-input': other },
          },
        ),
      ).toBe(false);
    });
  }

  it('B.2.4: the published response signature verifies, and not over another status', async () => {
    const headers = {
      ...RFC9421_RESPONSE.headers,
      ...signed('sig-b24', B24.params, B24.signature),
    };
    expect(await httpbis.verifyMessage({ keyLookup }, { status: 200, headers })).toBe(true);
    expect(await httpbis.verifyMessage({ keyLookup }, { status: 201, headers })).toBe(false);
  });
});

describe('signHttpMessage, checked by the http-message-signatures package', () => {
  // The package checks `expires` against the real clock.
  const now = new Date();
  const created = Math.floor(now.getTime() / 1000);
  const cases = [
    {
      algorithm: 'ed25519',
      privatePem: RFC9421_ED25519_PRIVATE,
      publicPem: RFC9421_ED25519_PUBLIC,
    },
    {
      algorithm: 'ecdsa-p256-sha256',
      privatePem: RFC9421_ECC_P256_PRIVATE,
      publicPem: RFC9421_ECC_P256_PUBLIC,
    },
    {
      algorithm: 'rsa-pss-sha512',
      privatePem: RFC9421_RSA_PSS_PRIVATE,
      publicPem: RFC9421_RSA_PSS_PUBLIC,
    },
  ] as const;

  async function verifiedBy(
    headers: Record<string, string>,
    publicPem: string | Buffer,
    algorithm: string,
    at: Date = now,
  ): Promise<boolean | null> {
    return httpbis.verifyMessage(
      {
        keyLookup: async () => ({
          id: 'k1',
          algs: [algorithm as never],
          verify: createVerifier(
            typeof publicPem === 'string' ? createPublicKey(publicPem) : publicPem,
            algorithm as never,
          ),
        }),
        notAfter: at,
      },
      { method: 'POST', url: request.url, headers },
    );
  }

  for (const c of cases) {
    it(`${c.algorithm}: every configurable component, with expires, nonce and tag`, async () => {
      const components = [
        '@method',
        '@target-uri',
        '@authority',
        '@path',
        'content-digest',
        'content-type',
        'content-length',
        'date',
      ];
      const signed = signHttpMessage({
        message: request,
        now,
        algorithm: c.algorithm,
        components,
        signers: [{ keyId: 'k1', key: createPrivateKey(c.privatePem) }],
        expiresInSeconds: 300,
        nonce: true,
        tag: 'herald',
      });
      expect(signed['signature-input']).toMatch(
        new RegExp(
          `^sig1=\\("@method" "@target-uri" "@authority" "@path" "content-digest" "content-type" "content-length" "date"\\);created=${created};expires=${created + 300};keyid="k1";alg="${c.algorithm}";nonce="[A-Za-z0-9_-]{22}";tag="herald"$`,
        ),
      );
      const headers = { ...request.headers, ...signed };
      expect(await verifiedBy(headers, c.publicPem, c.algorithm)).toBe(true);
      // Another value of a covered header, another key, after expiry: refused.
      expect(
        await verifiedBy({ ...headers, 'content-length': '19' }, c.publicPem, c.algorithm),
      ).toBe(false);
      const wrong = createPublicKey(createPrivateKey(wrongKeyOf(c.algorithm)));
      expect(
        await verifiedBy(
          headers,
          wrong.export({ type: 'spki', format: 'pem' }) as string,
          c.algorithm,
        ),
      ).toBe(false);
      const stale = signHttpMessage({
        message: request,
        now: new Date(now.getTime() - 301_000),
        algorithm: c.algorithm,
        components,
        signers: [{ keyId: 'k1', key: createPrivateKey(c.privatePem) }],
        expiresInSeconds: 300,
      });
      await expect(
        verifiedBy({ ...request.headers, ...stale }, c.publicPem, c.algorithm),
      ).rejects.toThrow(/expired/i);
    });
  }

  it('hmac-sha256 keyed by a whsec_ secret, one labelled signature per key', async () => {
    const key = Buffer.from(RFC9421_SHARED_SECRET, 'base64');
    const signed = signHttpMessage({
      message: request,
      now,
      algorithm: 'hmac-sha256',
      components: ['@method', '@target-uri', 'content-digest', 'date'],
      signers: [
        { keyId: 'sub_1', key },
        { keyId: 'sub_1', key: Buffer.from('another secret') },
      ],
    });
    expect(signed['signature-input']).toBe(
      `sig1=("@method" "@target-uri" "content-digest" "date");created=${created};keyid="sub_1";alg="hmac-sha256", ` +
        `sig2=("@method" "@target-uri" "content-digest" "date");created=${created};keyid="sub_1";alg="hmac-sha256"`,
    );
    expect(signed.signature).toMatch(/^sig1=:[^:]+:, sig2=:[^:]+:$/);
    const one = signHttpMessage({
      message: request,
      now,
      algorithm: 'hmac-sha256',
      components: ['@method', '@target-uri', 'content-digest', 'date'],
      signers: [{ keyId: 'sub_1', key }],
    });
    expect(await verifiedBy({ ...request.headers, ...one }, key, 'hmac-sha256')).toBe(true);
    expect(
      await verifiedBy({ ...request.headers, ...one }, Buffer.from('wrong'), 'hmac-sha256'),
    ).toBe(false);
  });

  it('refuses to sign a covered header that is not sent', () => {
    expect(() => componentValue('x-account-id', request)).toThrow(/x-account-id is not sent/);
  });

  it('escapes quotes and backslashes in string parameters', () => {
    expect(signatureParamsValue([], { created: 1, keyid: 'a"b\\c' })).toBe(
      '();created=1;keyid="a\\"b\\\\c"',
    );
  });
});
