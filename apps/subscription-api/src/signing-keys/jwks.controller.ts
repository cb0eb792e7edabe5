import { Controller, Get, Header, Param } from '@nestjs/common';
import { JwkSet, SigningKeysService } from './signing-keys.service';

/** How long receivers may cache a JWKS document: well inside any rotation overlap. */
export const JWKS_MAX_AGE_SECONDS = 300;
const CACHE_CONTROL = `public, max-age=${JWKS_MAX_AGE_SECONDS}, stale-if-error=86400`;

/**
 * The public keys receivers verify with (RFC 7517 JWK Sets), without authentication: the
 * tenant's keys, and each subscription's own (key scope subscription). Only public members;
 * an unknown tenant or subscription is a 404 like any other.
 */
@Controller('v1/tenants/:id')
export class JwksController {
  constructor(private readonly keys: SigningKeysService) {}

  @Get('jwks.json')
  @Header('Cache-Control', CACHE_CONTROL)
  @Header('Content-Type', 'application/jwk-set+json')
  tenant(@Param('id') tenantId: string): Promise<JwkSet> {
    return this.keys.tenantJwks(tenantId);
  }

  @Get('subscriptions/:subscriptionId/jwks.json')
  @Header('Cache-Control', CACHE_CONTROL)
  @Header('Content-Type', 'application/jwk-set+json')
  subscription(
    @Param('id') tenantId: string,
    @Param('subscriptionId') id: string,
  ): Promise<JwkSet> {
    return this.keys.subscriptionJwks(tenantId, id);
  }
}
