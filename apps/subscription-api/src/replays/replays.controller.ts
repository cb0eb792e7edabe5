import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { SubscriptionLimit, TenantAuthGuard, TenantId } from '../auth/auth.guards';
import { RequestValidator } from '../http/body-validator';
import { ReplayJobsService, ReplayRequest } from './replay-jobs.service';

@Controller('v1/replays')
@UseGuards(TenantAuthGuard)
export class ReplaysController {
  constructor(
    private readonly validator: RequestValidator,
    private readonly replays: ReplayJobsService,
  ) {}

  @Post()
  @HttpCode(202)
  start(
    @TenantId() tenantId: string,
    @SubscriptionLimit() limit: readonly string[] | undefined,
    @Body() body: unknown,
  ) {
    const request = this.validator.body<ReplayRequest & { subscriptionId: string }>(
      'ReplayJobCreate',
      body,
    );
    return this.replays.start(tenantId, request.subscriptionId, request, limit);
  }

  @Get()
  list(
    @TenantId() tenantId: string,
    @SubscriptionLimit() limit: readonly string[] | undefined,
    @Query() query: Record<string, string | undefined>,
  ) {
    return this.replays.list(tenantId, limit, query);
  }

  @Get(':id')
  get(
    @TenantId() tenantId: string,
    @SubscriptionLimit() limit: readonly string[] | undefined,
    @Param('id') id: string,
  ) {
    return this.replays.get(tenantId, id, limit);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(
    @TenantId() tenantId: string,
    @SubscriptionLimit() limit: readonly string[] | undefined,
    @Param('id') id: string,
  ) {
    return this.replays.cancel(tenantId, id, limit);
  }
}
