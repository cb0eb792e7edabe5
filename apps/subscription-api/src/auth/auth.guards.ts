import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  createParamDecorator,
} from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { SubscriptionApiConfig } from '../subscription-api.config';
import { forbidden, unauthorized } from '../http/problem';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { bearerToken, sameSecret } from './bearer-token';

type AuthedRequest = FastifyRequest & { heraldTenantId?: string };

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

/** Tenant routes: a live tenant API key; the tenant id is taken from the key, never the request. */
@Injectable()
export class TenantAuthGuard implements CanActivate {
  constructor(private readonly authenticator: ApiKeyAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw unauthorized();
    const principal = await this.authenticator.authenticate(token);
    if (!principal) throw unauthorized('invalid or revoked API key');
    request.heraldTenantId = principal.tenantId;
    return true;
  }
}

/** The authenticated tenant's id (set by TenantAuthGuard). */
export const TenantId = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const tenantId = context.switchToHttp().getRequest<AuthedRequest>().heraldTenantId;
  if (!tenantId) throw unauthorized();
  return tenantId;
});
