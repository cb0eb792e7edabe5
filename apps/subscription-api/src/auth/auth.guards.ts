import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  createParamDecorator,
} from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import type { StateActor } from '@herald/contracts';
import { PORTAL_TOKEN_PREFIX, PortalPrincipal, PortalSessionStore } from '@herald/persistence';
import { SubscriptionApiConfig } from '../subscription-api.config';
import { forbidden, notFound, unauthorized } from '../http/problem';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { bearerToken, sameSecret } from './bearer-token';
import { scopeRefusal } from './key-scope';
import { portalDecision } from './portal-scope';

type AuthedRequest = FastifyRequest & {
  heraldTenantId?: string;
  heraldKeyId?: string;
  heraldAdmin?: boolean;
  /** Set for a portal session limited to these subscriptions. */
  heraldSubscriptionLimit?: readonly string[];
  /** Set when the credential is a portal session. */
  heraldPortalSession?: PortalPrincipal;
};

/** Tenant credentials (API keys, portal sessions) are never the admin token. */
const isTenantCredential = (token: string) =>
  token.startsWith('hk_') || token.startsWith(PORTAL_TOKEN_PREFIX);

/** Routes that manage tenants and keys: the admin token only. */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(@Inject(SubscriptionApiConfig) private readonly config: SubscriptionApiConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const token = bearerToken(
      context.switchToHttp().getRequest<FastifyRequest>().headers.authorization,
    );
    if (!token) throw unauthorized();
    if (!sameSecret(token, this.config.HERALD_ADMIN_TOKEN)) {
      throw isTenantCredential(token)
        ? forbidden('this route needs the admin token')
        : unauthorized('invalid token');
    }
    return true;
  }
}

/**
 * Tenant routes: a live tenant API key (not revoked, not expired) whose scope allows this
 * method and route, or a live portal session (`hps_...`, checked in the database on every
 * request so a revocation is immediate) allowed by its limits; the tenant id is taken from the
 * credential, never the request.
 */
@Injectable()
export class TenantAuthGuard implements CanActivate {
  constructor(
    private readonly authenticator: ApiKeyAuthenticator,
    private readonly portalSessions: PortalSessionStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw unauthorized();
    if (token.startsWith(PORTAL_TOKEN_PREFIX)) return this.portalSession(request, token);
    const principal = await this.authenticator.authenticate(token);
    if (!principal) throw unauthorized('invalid, expired or revoked API key');
    const refusal = scopeRefusal(principal.scope, request.method, request.routeOptions.url);
    if (refusal) throw forbidden(refusal);
    request.heraldTenantId = principal.tenantId;
    request.heraldKeyId = principal.keyId;
    return true;
  }

  private async portalSession(request: AuthedRequest, token: string): Promise<boolean> {
    const session = await this.portalSessions.authenticate(token);
    if (!session) throw unauthorized('invalid, expired or revoked portal session');
    const decision = portalDecision(
      session,
      request.method,
      request.routeOptions.url,
      (request.params ?? {}) as Record<string, string | undefined>,
    );
    if (!decision.allowed) {
      throw decision.status === 404
        ? notFound(decision.detail.replace(/ was not found$/, ''))
        : forbidden(decision.detail);
    }
    request.heraldTenantId = session.tenantId;
    request.heraldPortalSession = session;
    if (session.subscriptionIds) request.heraldSubscriptionLimit = session.subscriptionIds;
    return true;
  }
}

/** Routes open to the admin token (any tenant) and to a tenant key (its own tenant, by scope). */
@Injectable()
export class AdminOrTenantAuthGuard implements CanActivate {
  constructor(
    @Inject(SubscriptionApiConfig) private readonly config: SubscriptionApiConfig,
    private readonly tenant: TenantAuthGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (token && !isTenantCredential(token) && sameSecret(token, this.config.HERALD_ADMIN_TOKEN)) {
      request.heraldAdmin = true;
      return true;
    }
    return this.tenant.canActivate(context);
  }
}

/** Who called an AdminOrTenantAuthGuard route: the admin, or a key of `tenantId`. */
export type CallerIdentity = { admin: true } | { admin: false; tenantId: string };

/** The caller of an AdminOrTenantAuthGuard route. */
export const Caller = createParamDecorator(
  (_: unknown, context: ExecutionContext): CallerIdentity => {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    if (request.heraldAdmin) return { admin: true };
    if (!request.heraldTenantId) throw unauthorized();
    return { admin: false, tenantId: request.heraldTenantId };
  },
);

/** The authenticated tenant's id (set by TenantAuthGuard). */
export const TenantId = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const tenantId = context.switchToHttp().getRequest<AuthedRequest>().heraldTenantId;
  if (!tenantId) throw unauthorized();
  return tenantId;
});

/** Who makes a change, for the state history: the admin, or the tenant's API key. */
export const Actor = createParamDecorator((_: unknown, context: ExecutionContext): StateActor => {
  const request = context.switchToHttp().getRequest<AuthedRequest>();
  if (request.heraldAdmin) return { kind: 'admin', id: null };
  return { kind: 'tenant', id: request.heraldKeyId ?? null };
});

/**
 * The subscriptions a limited portal session may see, or undefined for every subscription of
 * the tenant (API keys, unlimited sessions). Lists and bulk commands filter by it.
 */
export const SubscriptionLimit = createParamDecorator(
  (_: unknown, context: ExecutionContext): readonly string[] | undefined =>
    context.switchToHttp().getRequest<AuthedRequest>().heraldSubscriptionLimit,
);

/** The portal session behind this request, or undefined for any other credential. */
export const PortalSessionOf = createParamDecorator(
  (_: unknown, context: ExecutionContext): PortalPrincipal | undefined =>
    context.switchToHttp().getRequest<AuthedRequest>().heraldPortalSession,
);
