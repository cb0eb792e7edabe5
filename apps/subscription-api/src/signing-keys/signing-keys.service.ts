import { Inject, Injectable } from '@nestjs/common';
import { SigningKeyType, signingKeyTypesOf } from '@herald/contracts';
import {
  PublishedSigningKey,
  SigningKeyMaker,
  SigningKeyStore,
  SubscriptionStore,
  TENANT_SCOPE,
  TenantStore,
} from '@herald/persistence';
import { conflict, notFound } from '../http/problem';
import { OutboxRelay } from '../outbox/outbox-relay';
import { DEFAULT_ROTATION_OVERLAP_MS } from '../subscriptions/signing-secrets';

export const SIGNING_KEY_MAKER = Symbol('SIGNING_KEY_MAKER');

/** A JWK Set (RFC 7517 section 5): public keys only. */
export interface JwkSet {
  keys: Record<string, string>[];
}

/** The body of the rotate routes. */
export interface RotateKeyInput {
  type: SigningKeyType;
  overlapMs?: number;
}

/** Rotating, listing and publishing the key pairs tenants and subscriptions sign with. */
@Injectable()
export class SigningKeysService {
  constructor(
    private readonly keys: SigningKeyStore,
    private readonly subscriptions: SubscriptionStore,
    private readonly tenants: TenantStore,
    private readonly relay: OutboxRelay,
    @Inject(SIGNING_KEY_MAKER) private readonly makeKey: SigningKeyMaker,
  ) {}

  /** The tenant's keys of every scope, public halves only (GET /v1/signing-keys). */
  list(tenantId: string, now = new Date()): Promise<PublishedSigningKey[]> {
    return this.keys.publishedOfTenant(tenantId, now);
  }

  /** The tenant's key of a kind: a new one signs, the old one too until the overlap ends. */
  async rotateTenantKey(tenantId: string, input: RotateKeyInput, now = new Date()) {
    return this.rotate(tenantId, null, input, now);
  }

  /** A subscription's own key of a kind (it must sign with that kind and its own keys). */
  async rotateSubscriptionKey(
    tenantId: string,
    id: string,
    input: RotateKeyInput,
    now = new Date(),
  ) {
    const s = await this.subscriptions.findById(tenantId, id);
    if (!s) throw notFound(`subscription ${id}`);
    if (s.signing.options?.keyScope !== 'subscription') {
      throw conflict(
        `subscription ${id} signs with the tenant's keys: rotate them with POST /v1/signing-keys/rotate`,
        'signing.options.keyScope',
      );
    }
    if (!signingKeyTypesOf(s.signing.options).includes(input.type)) {
      throw conflict(`subscription ${id} does not sign with a ${input.type} key`, 'type');
    }
    return this.rotate(tenantId, id, input, now);
  }

  private async rotate(
    tenantId: string,
    subscriptionId: string | null,
    input: RotateKeyInput,
    now: Date,
  ) {
    const fresh = await this.makeKey(input.type);
    const rotation = await this.subscriptions.rotateSigningKey({
      tenantId,
      subscriptionId,
      type: input.type,
      fresh,
      overlapMs: input.overlapMs ?? DEFAULT_ROTATION_OVERLAP_MS,
      now,
    });
    this.relay.kick();
    return {
      type: input.type,
      scope: subscriptionId === null ? 'tenant' : 'subscription',
      kid: rotation.kid,
      publicJwk: fresh.publicJwk,
      previous:
        rotation.previousKid === null
          ? null
          : { kid: rotation.previousKid, expiresAt: rotation.previousExpiresAt },
      republishedSubscriptions: rotation.republished.length,
    };
  }

  /** The tenant's JWKS: its own keys (current and overlapping); 404 for an unknown tenant. */
  async tenantJwks(tenantId: string, now = new Date()): Promise<JwkSet> {
    if (!(await this.tenants.findById(tenantId))) throw notFound(`tenant ${tenantId}`);
    return jwkSet(await this.keys.published(tenantId, TENANT_SCOPE, now));
  }

  /** A subscription's own keys; 404 unless the subscription is the tenant's. */
  async subscriptionJwks(tenantId: string, id: string, now = new Date()): Promise<JwkSet> {
    if (!(await this.subscriptions.findById(tenantId, id))) {
      throw notFound(`subscription ${id} of tenant ${tenantId}`);
    }
    return jwkSet(await this.keys.published(tenantId, id, now));
  }
}

/** Only the public members of each JWK, whatever the stored document holds. */
const PUBLIC_MEMBERS = ['kid', 'use', 'alg', 'kty', 'crv', 'x', 'y', 'n', 'e'] as const;

function jwkSet(keys: readonly PublishedSigningKey[]): JwkSet {
  return {
    keys: keys.map((k) => {
      const jwk: Record<string, string> = {};
      for (const member of PUBLIC_MEMBERS) {
        const value = k.publicJwk[member];
        if (typeof value === 'string') jwk[member] = value;
      }
      jwk.kid = k.kid;
      return jwk;
    }),
  };
}
