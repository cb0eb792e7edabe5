import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { DELIVERY_STATUSES, DeadLetterStore, DeliveryLog } from '@herald/persistence';
import { SubscriptionLimit, TenantAuthGuard, TenantId } from '../auth/auth.guards';
import { RequestValidator } from '../http/body-validator';
import { notFound } from '../http/problem';
import { optionalBoolean, optionalDate, optionalEnum, pageLimit } from '../http/query-params';
import { DeliveryCommands } from './delivery-commands.service';

@Controller('v1')
@UseGuards(TenantAuthGuard)
export class DeliveriesController {
  constructor(
    private readonly validator: RequestValidator,
    private readonly deliveries: DeliveryLog,
    private readonly deadLetters: DeadLetterStore,
    private readonly commands: DeliveryCommands,
  ) {}

  @Get('deliveries')
  list(
    @TenantId() tenantId: string,
    @SubscriptionLimit() limit: readonly string[] | undefined,
    @Query() query: Record<string, string | undefined>,
  ) {
    return this.deliveries.list(tenantId, {
      subscriptionId: query.subscriptionId,
      subscriptionIds: limit,
      eventId: query.eventId,
      eventType: query.eventType,
      status: optionalEnum('status', query.status, DELIVERY_STATUSES),
      since: optionalDate('since', query.since),
      until: optionalDate('until', query.until),
      cursor: query.cursor,
      limit: pageLimit(query.limit),
    });
  }

  @Get('deliveries/:id')
  async get(
    @TenantId() tenantId: string,
    @SubscriptionLimit() limit: readonly string[] | undefined,
    @Param('id') id: string,
  ) {
    const delivery = await this.visibleDelivery(tenantId, limit, id);
    // `attempts` is the count (as in the list); `attemptLog` holds every attempt, oldest first.
    const attemptLog = await this.deliveries.attemptsOf(tenantId, id, delivery.createdAt);
    return { ...delivery, attemptLog };
  }

  @Post('deliveries/:id/retry')
  @HttpCode(202)
  async retry(
    @TenantId() tenantId: string,
    @SubscriptionLimit() limit: readonly string[] | undefined,
    @Param('id') id: string,
  ) {
    if (limit) await this.visibleDelivery(tenantId, limit, id);
    return this.commands.retry(tenantId, id);
  }

  @Get('dead-letters')
  listDeadLetters(
    @TenantId() tenantId: string,
    @SubscriptionLimit() limit: readonly string[] | undefined,
    @Query() query: Record<string, string | undefined>,
  ) {
    return this.deadLetters.list(tenantId, {
      subscriptionId: query.subscriptionId,
      subscriptionIds: limit,
      includeRedriven: optionalBoolean('includeRedriven', query.includeRedriven),
      cursor: query.cursor,
      limit: pageLimit(query.limit),
    });
  }

  @Post('dead-letters/redrive')
  @HttpCode(202)
  redrive(
    @TenantId() tenantId: string,
    @SubscriptionLimit() limit: readonly string[] | undefined,
    @Body() body: unknown,
  ) {
    const selection = this.validator.body<{
      deliveryIds?: string[];
      subscriptionId?: string;
      limit?: number;
    }>('Redrive', body ?? {});
    return this.commands.redrive(tenantId, { ...selection, subscriptionIds: limit });
  }

  /** The delivery, when it exists for this tenant and the caller may see its subscription. */
  private async visibleDelivery(
    tenantId: string,
    limit: readonly string[] | undefined,
    id: string,
  ) {
    const delivery = await this.deliveries.findById(tenantId, id);
    if (!delivery || (limit && !limit.includes(delivery.subscriptionId))) {
      throw notFound(`delivery ${id}`);
    }
    return delivery;
  }
}
