import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Req,
  UseGuards,
} from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import type { PortalPrincipal } from '@herald/persistence';
import {
  AdminOrTenantAuthGuard,
  Caller,
  CallerIdentity,
  PortalSessionOf,
} from '../auth/auth.guards';
import { notFound } from '../http/problem';
import { RequestValidator } from '../http/body-validator';
import { PortalSessionInput } from './portal-session-request';
import { PortalSessionsService } from './portal-sessions.service';

/**
 * Portal sessions: a tenant's backend (a manage key) or the admin opens one for a user and
 * hands over the link; either can revoke it, and the portal page can end its own.
 */
@Controller('v1/portal-sessions')
@UseGuards(AdminOrTenantAuthGuard)
export class PortalSessionsController {
  constructor(
    private readonly validator: RequestValidator,
    private readonly sessions: PortalSessionsService,
  ) {}

  @Post()
  @HttpCode(201)
  open(@Caller() caller: CallerIdentity, @Body() body: unknown, @Req() request: FastifyRequest) {
    const input = this.validator.body<PortalSessionInput>('PortalSessionCreate', body ?? {});
    return this.sessions.open(caller, input, `${request.protocol}://${request.host}`);
  }

  /** What the portal page needs to know about its own session (read-only, limits, expiry). */
  @Get('current')
  current(@PortalSessionOf() session: PortalPrincipal | undefined) {
    if (!session) throw notFound('portal session of this token');
    return {
      id: session.sessionId,
      tenantId: session.tenantId,
      readOnly: session.readOnly,
      subscriptionIds: session.subscriptionIds,
      expiresAt: session.expiresAt.toISOString(),
    };
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@Caller() caller: CallerIdentity, @Param('id') id: string): Promise<void> {
    await this.sessions.revoke(caller, id);
  }
}
