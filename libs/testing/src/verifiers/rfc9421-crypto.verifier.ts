import { KeyObject, constants, createPublicKey, verify } from 'crypto';
import { rfc9421AlgorithmOf, contentDigestMatches } from './http-message-signatures.verifier';
import {
  Jwks,
  ReceivedRequest,
  TOLERANCE_SECONDS,
  Verification,
  refused,
} from './received-request';

/** One labelled signature: its covered components, raw parameters text, and bytes. */
interface LabelledSignature {
  label: string;
  components: string[];
  /** `("@method" ...);created=...` exactly as sent: it is the `@signature-params` value. */
  paramsText: string;
  params: Map<string, string>;
  signature: Buffer;
}

/**
 * RFC 9421 with nothing but `node:crypto` and this file: the signature base of section 2.5
 * built from the request (derived components of section 2.2, header fields), each signature
 * checked with the JWKS key whose `kid` is its `keyid` (ed25519, ecdsa-p256-sha256 as r‖s,
 * rsa-pss-sha512 with a 64-byte salt). `keyIds` names every key whose signature verified.
 * Written apart from the `http-message-signatures` package, so the two check each other.
 */
export function verifyRfc9421WithCrypto(
  r: ReceivedRequest,
  jwks: Jwks,
  /** Off only to check published examples that sign no body (a webhook receiver keeps it on). */
  options: { requireContentDigest: boolean } = { requireContentDigest: true },
): Verification {
  const digest = options.requireContentDigest;
  if (digest && !contentDigestMatches(r)) return refused('content-digest does not match the body');
  let signatures: LabelledSignature[];
  try {
    signatures = parseSignatures(r.headers['signature-input'] ?? '', r.headers.signature ?? '');
  } catch (error) {
    return refused((error as Error).message);
  }
  if (signatures.length === 0) return refused('no signature');
  const now = Date.now() / 1000;
  const keyIds: string[] = [];
  const reasons: string[] = [];
  for (const s of signatures) {
    const keyid = s.params.get('keyid') ?? '';
    const jwk = jwks.keys.find((k) => k.kid === keyid);
    const alg = jwk && rfc9421AlgorithmOf(jwk);
    const created = Number(s.params.get('created'));
    const expires = s.params.has('expires') ? Number(s.params.get('expires')) : Infinity;
    if (!jwk || !alg) reasons.push(`${s.label}: unknown keyid ${keyid}`);
    else if (s.params.has('alg') && s.params.get('alg') !== alg) reasons.push(`${s.label}: alg`);
    else if (digest && !s.components.includes('content-digest')) {
      reasons.push(`${s.label}: no digest`);
    } else if (!(now - created < TOLERANCE_SECONDS && created < now + TOLERANCE_SECONDS)) {
      reasons.push(`${s.label}: created outside the tolerance`);
    } else if (now > expires) reasons.push(`${s.label}: expired`);
    else {
      try {
        if (verifyOne(alg, createPublicKey({ key: jwk, format: 'jwk' }), r, s)) {
          keyIds.push(keyid);
        } else reasons.push(`${s.label}: does not verify`);
      } catch (error) {
        reasons.push(`${s.label}: ${(error as Error).message}`);
      }
    }
  }
  return keyIds.length > 0 ? { valid: true, keyIds } : refused(reasons.join('; '));
}

function verifyOne(alg: string, key: KeyObject, r: ReceivedRequest, s: LabelledSignature) {
  const base = Buffer.from(signatureBase(r, s), 'utf8');
  if (alg === 'ed25519') return verify(null, base, key, s.signature);
  if (alg === 'ecdsa-p256-sha256') {
    return verify('sha256', base, { key, dsaEncoding: 'ieee-p1363' }, s.signature);
  }
  const pss = { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 };
  return verify('sha512', base, pss, s.signature);
}

/** Splits a dictionary header at top-level commas (none occur inside Herald's strings). */
function members(header: string): [string, string][] {
  return header
    .split(/,(?=\s*[a-z*][a-z0-9_.*-]*=)/)
    .map((m) => m.trim())
    .filter((m) => m !== '')
    .map((m) => {
      const eq = m.indexOf('=');
      return [m.slice(0, eq), m.slice(eq + 1)];
    });
}

function parseSignatures(input: string, signature: string): LabelledSignature[] {
  const bytes = new Map(
    members(signature).map(([label, value]) => {
      const b64 = /^:([A-Za-z0-9+/=]*):$/.exec(value);
      if (!b64) throw new Error(`signature ${label} is not a byte sequence`);
      return [label, Buffer.from(b64[1], 'base64')];
    }),
  );
  return members(input).map(([label, paramsText]) => {
    const list = /^\(([^)]*)\)((?:;[a-z]+=(?:"[^"]*"|\d+))*)$/.exec(paramsText);
    if (!list) throw new Error(`signature-input ${label} is malformed`);
    const components = (list[1].match(/"[^"]*"/g) ?? []).map((c) => c.slice(1, -1));
    const params = new Map<string, string>();
    for (const p of list[2].split(';').slice(1)) {
      const eq = p.indexOf('=');
      params.set(p.slice(0, eq), p.slice(eq + 1).replace(/^"(.*)"$/, '$1'));
    }
    const sig = bytes.get(label);
    if (!sig) throw new Error(`no signature for ${label}`);
    return { label, components, paramsText, params, signature: sig };
  });
}

/** Section 2.5: one `"name": value` line per covered component, then `@signature-params`. */
function signatureBase(r: ReceivedRequest, s: LabelledSignature): string {
  const url = new URL(r.url);
  const value = (component: string): string => {
    switch (component) {
      case '@method':
        return r.method.toUpperCase();
      case '@target-uri':
        return r.url;
      case '@authority':
        return url.host.toLowerCase();
      case '@scheme':
        return url.protocol.replace(/:$/, '');
      case '@path':
        return url.pathname;
      case '@query':
        return url.search || '?';
      default: {
        const field = r.headers[component];
        if (field === undefined) throw new Error(`covered ${component} is not in the request`);
        return field.trim();
      }
    }
  };
  const lines = s.components.map((c) => `"${c}": ${value(c)}`);
  lines.push(`"@signature-params": ${s.paramsText}`);
  return lines.join('\n');
}
