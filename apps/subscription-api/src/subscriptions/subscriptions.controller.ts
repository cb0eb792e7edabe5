import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { StateActor, subscriptionStatus } from '@herald/contracts';
import { Actor, SubscriptionLimit, TenantAuthGuard, TenantId } from '../auth/auth.guards';
import { RequestValidator } from '../http/body-validator';
import { optionalBoolean, optionalEnum, pageLimit } from '../http/query-params';
import { AttemptSeries } from '@herald/persistence';
import { ReplayJobsService, ReplayRequest } from '../replays/replay-jobs.service';
import { attemptSeriesWindow } from './attempt-series-window';
import { SubscriptionInput, SubscriptionPatch } from './subscription-input';
import { subscriptionView } from './subscription-view';
import { SubscriptionsService } from './subscriptions.service';

@Controller('v1/subscriptions')
@UseGuards(TenantAuthGuard)
export class SubscriptionsController {
  constructor(
    private readonly validator: RequestValidator,
    private readonly subscriptions: SubscriptionsService,
    private readonly series: AttemptSeries,
    private readonly replays: ReplayJobsService,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@TenantId() tenantId: string, @Actor() actor: StateActor, @Body() body: unknown) {
    const input = this.validator.body<SubscriptionInput>('SubscriptionCreate', body);
    const { subscription, secret } = await this.subscriptions.create(tenantId, input, actor);
    return { ...subscriptionView(subscription), secret };
  }

  @Get()
  async list(
    @TenantId() tenantId: string,
    @SubscriptionLimit() limit: readonly string[] | undefined,
    @Query() query: Record<string, string | undefined>,
  ) {
    const page = await this.subscriptions.list(tenantId, {
      ids: limit,
      limit: pageLimit(query.limit),
      cursor: query.cursor,
      eventType: query.eventType,
      active: optionalBoolean('active', query.active),
      state: optionalEnum('state', query.state, ['active', 'paused', 'disabled'] as const),
    });
    return { items: page.items.map(subscriptionView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  async get(@TenantId() tenantId: string, @Param('id') id: string) {
    return subscriptionView(await this.subscriptions.get(tenantId, id));
  }

  @Patch(':id')
  async update(
    @TenantId() tenantId: string,
    @Actor() actor: StateActor,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    const patch = this.validator.body<SubscriptionPatch>('SubscriptionPatch', body);
    return subscriptionView(await this.subscriptions.update(tenantId, id, patch, actor));
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@TenantId() tenantId: string, @Param('id') id: string): Promise<void> {
    await this.subscriptions.delete(tenantId, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  async rotate(@TenantId() tenantId: string, @Param('id') id: string, @Body() body: unknown) {
    const { overlapMs } = this.validator.body<{ overlapMs?: number }>('RotateSecret', body ?? {});
    const { subscription, secret } = await this.subscriptions.rotateSecret(tenantId, id, overlapMs);
    return { ...subscriptionView(subscription), secret };
  }

  /** The current signing secret in clear: the owning tenant only, with a manage key. */
  @Get(':id/secret')
  revealSecret(@TenantId() tenantId: string, @Param('id') id: string) {
    return this.subscriptions.revealSecret(tenantId, id);
  }

  @Post(':id/activate')
  @HttpCode(200)
  async activate(
    @TenantId() tenantId: string,
    @Actor() actor: StateActor,
    @Param('id') id: string,
  ) {
    return subscriptionView(await this.subscriptions.activate(tenantId, id, actor));
  }

  @Get(':id/state-history')
  stateHistory(
    @TenantId() tenantId: string,
    @Param('id') id: string,
    @Query() query: Record<string, string | undefined>,
  ) {
    return this.subscriptions.stateHistory(tenantId, id, {
      limit: pageLimit(query.limit),
      cursor: query.cursor,
    });
  }

  @Post(':id/test')
  @HttpCode(202)
  test(@TenantId() tenantId: string, @Param('id') id: string) {
    return this.subscriptions.sendTest(tenantId, id);
  }

  @Get(':id/stats')
  async stats(@TenantId() tenantId: string, @Param('id') id: string) {
    const { subscription: s, deliveries } = await this.subscriptions.stats(tenantId, id);
    return {
      subscriptionId: s.id,
      active: s.active,
      state: s.state,
      stateReason: s.stateReason,
      pausedUntil: s.pausedUntil,
      status: subscriptionStatus(s),
      deliveries,
    };
  }

  /** Attempts over time (successes, failures, latency), for the portal's chart. */
  @Get(':id/attempt-series')
  async attemptSeries(
    @TenantId() tenantId: string,
    @Param('id') id: string,
    @Query() query: Record<string, string | undefined>,
  ) {
    const window = attemptSeriesWindow(query);
    await this.subscriptions.get(tenantId, id);
    return {
      subscriptionId: id,
      since: window.since.toISOString(),
      until: window.until.toISOString(),
      bucketSeconds: window.bucketSeconds,
      buckets: await this.series.of(tenantId, id, window),
    };
  }

  @Post(':id/replay')
  @HttpCode(202)
  replay(@TenantId() tenantId: string, @Param('id') id: string, @Body() body: unknown) {
    return this.replays.start(
      tenantId,
      id,
      this.validator.body<ReplayRequest>('Replay', body),
      undefined,
    );
  }
}
