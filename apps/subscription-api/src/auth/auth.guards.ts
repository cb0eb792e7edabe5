import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  createParamDecorator,
} from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import type { StateActor } from '@herald/contracts';
import { SubscriptionApiConfig } from '../subscription-api.config';
import { forbidden, unauthorized } from '../http/problem';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { bearerToken, sameSecret } from './bearer-token';
import { scopeRefusal } from './key-scope';

type AuthedRequest = FastifyRequest & {
  heraldTenantId?: string;
  heraldKeyId?: string;
  heraldAdmin?: boolean;
};

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
      throw token.startsWith('hk_')
        ? forbidden('this route needs the admin token')
        : unauthorized('invalid token');
    }
    return true;
  }
}

/**
 * Tenant routes: a live tenant API key (not revoked, not expired) whose scope allows this
 * method and route; the tenant id is taken from the key, never the request.
 */
@Injectable()
export class TenantAuthGuard implements CanActivate {
  constructor(private readonly authenticator: ApiKeyAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw unauthorized();
    const principal = await this.authenticator.authenticate(token);
    if (!principal) throw unauthorized('invalid, expired or revoked API key');
    const refusal = scopeRefusal(principal.scope, request.method, request.routeOptions.url);
    if (refusal) throw forbidden(refusal);
    request.heraldTenantId = principal.tenantId;
    request.heraldKeyId = principal.keyId;
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
    if (token && !token.startsWith('hk_') && sameSecret(token, this.config.HERALD_ADMIN_TOKEN)) {
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
