import { createHash } from 'crypto';
import { OAuthClientCredential } from '@herald/contracts';
import {
  AttemptResult,
  OpenSealed,
  SecretDecryptionError,
  readTokenResponse,
  staticCredentialHeaders,
  tokenCacheKey,
  tokenRequest,
} from '@herald/delivery';
import { OutgoingRequest } from './http-sender';
import { FetchedToken, OAuthTokens } from './oauth-tokens';
import { TlsMaterial } from './tls-agents';
import { DispatchedSubscription } from './dispatched-subscription';

/** A token endpoint's answer is read up to 16 KiB. */
export const TOKEN_RESPONSE_CAP_BYTES = 16 * 1024;

/** What a delivery carries to authenticate itself, or why it cannot go out. */
export type Authentication =
  | {
      ok: true;
      headers: Record<string, string>;
      tls?: TlsMaterial;
      /** The bearer token sent (OAuth 2.0), so a 401 can renew exactly that one. */
      bearer?: string;
    }
  | { ok: false; message: string };

export interface DeliveryCredentialsDeps {
  /** Opens sealed values (the keyring: each opened once). */
  open: OpenSealed;
  /** Sends the token request (the HTTP sender: the target policy, timeouts, the cap). */
  send(request: OutgoingRequest): Promise<AttemptResult>;
  tokens: OAuthTokens;
}

/**
 * The credential and TLS material of a subscription's deliveries: the static header or Basic
 * authorization, an OAuth 2.0 bearer token (cached, renewed on a 401), the client certificate.
 * Never throws: a credential that cannot be opened or a token endpoint that fails is an
 * `ok: false` with a message for the attempt log (which names no secret).
 */
export class DeliveryCredentials {
  private readonly materials = new Map<string, TlsMaterial>();

  constructor(private readonly deps: DeliveryCredentialsDeps) {}

  async authenticate(subscription: DispatchedSubscription): Promise<Authentication> {
    let tls: TlsMaterial | undefined;
    try {
      tls = this.tlsOf(subscription);
    } catch (error) {
      return { ok: false, message: `client key: ${describe(error)}` };
    }
    const credential = subscription.credential;
    if (!credential) return { ok: true, headers: {}, tls };
    if (credential.type !== 'oauth2') {
      try {
        return { ok: true, headers: staticCredentialHeaders(credential, this.deps.open), tls };
      } catch (error) {
        return { ok: false, message: `${credential.type} credential: ${describe(error)}` };
      }
    }
    const token = await this.token(subscription, credential, subscription.timeoutMs);
    if (!token.ok) return token;
    return {
      ok: true,
      headers: { authorization: `Bearer ${token.accessToken}` },
      tls,
      bearer: token.accessToken,
    };
  }

  /**
   * After a receiver answered 401 to `rejected`: forgets that token and authenticates again
   * (fetching a new one, or taking the one another delivery fetched meanwhile).
   */
  renew(subscription: DispatchedSubscription, rejected: string): Promise<Authentication> {
    const credential = subscription.credential;
    if (credential?.type === 'oauth2') {
      this.deps.tokens.invalidate(tokenCacheKey(subscription.id, credential), rejected);
    }
    return this.authenticate(subscription);
  }

  private token(
    subscription: DispatchedSubscription,
    credential: OAuthClientCredential,
    timeoutMs: number,
  ) {
    const key = tokenCacheKey(subscription.id, credential);
    return this.deps.tokens.get(subscription.tenantId, key, () =>
      this.fetchToken(credential, timeoutMs),
    );
  }

  private async fetchToken(
    credential: OAuthClientCredential,
    timeoutMs: number,
  ): Promise<FetchedToken> {
    const where = `token request to ${endpointOf(credential.tokenUrl)}`;
    let secret: string;
    try {
      secret = this.deps.open(credential.clientSecret.sealed);
    } catch (error) {
      return { ok: false, message: `oauth2 client secret: ${describe(error)}` };
    }
    const request = tokenRequest(credential, secret);
    const result = await this.deps.send({
      url: request.url,
      headers: request.headers,
      body: request.body,
      timeoutMs,
      capBytes: TOKEN_RESPONSE_CAP_BYTES,
    });
    if (result.kind === 'error') {
      return { ok: false, message: `${where} failed: ${result.errorClass}: ${result.message}` };
    }
    if (result.truncated) {
      return {
        ok: false,
        message: `${where}: answer larger than ${TOKEN_RESPONSE_CAP_BYTES} bytes`,
      };
    }
    const answer = readTokenResponse(result.status, result.body);
    return answer.ok ? answer : { ok: false, message: `${where}: ${answer.message}` };
  }

  /** The subscription's TLS material, the key opened; one object per material (pool id). */
  private tlsOf(subscription: DispatchedSubscription): TlsMaterial | undefined {
    const tls = subscription.tls;
    if (!tls || (!tls.clientCertificate && !tls.ca)) return undefined;
    const id = createHash('sha256')
      .update(JSON.stringify([tls.clientCertificate, tls.clientKey?.sealed ?? null, tls.ca]))
      .digest('base64url');
    const known = this.materials.get(id);
    if (known) return known;
    const material: TlsMaterial = {
      id,
      ...(tls.clientCertificate && tls.clientKey
        ? { cert: tls.clientCertificate, key: this.deps.open(tls.clientKey.sealed) }
        : {}),
      ...(tls.ca ? { ca: tls.ca } : {}),
    };
    if (this.materials.size >= MATERIALS_KEPT) this.materials.clear();
    this.materials.set(id, material);
    return material;
  }
}

/** Opened TLS materials kept (one per subscription with one; starts over beyond it). */
const MATERIALS_KEPT = 1_000;

function describe(error: unknown): string {
  return error instanceof SecretDecryptionError ? error.message : String((error as Error).message);
}

/** The token URL without its query (which might carry something the tenant keeps private). */
function endpointOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return 'the token URL';
  }
}
