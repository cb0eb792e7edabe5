import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { DELIVERY_STATUSES, DeadLetterStore, DeliveryLog } from '@herald/persistence';
import { TenantAuthGuard, TenantId } from '../auth/auth.guards';
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
  list(@TenantId() tenantId: string, @Query() query: Record<string, string | undefined>) {
    return this.deliveries.list(tenantId, {
      subscriptionId: query.subscriptionId,
      eventId: query.eventId,
      status: optionalEnum('status', query.status, DELIVERY_STATUSES),
      since: optionalDate('since', query.since),
      until: optionalDate('until', query.until),
      cursor: query.cursor,
      limit: pageLimit(query.limit),
    });
  }

  @Get('deliveries/:id')
  async get(@TenantId() tenantId: string, @Param('id') id: string) {
    const delivery = await this.deliveries.findById(tenantId, id);
    if (!delivery) throw notFound(`delivery ${id}`);
    // `attempts` is the count (as in the list); `attemptLog` holds every attempt, oldest first.
    const attemptLog = await this.deliveries.attemptsOf(tenantId, id);
    return { ...delivery, attemptLog };
  }

  @Post('deliveries/:id/retry')
  @HttpCode(202)
  retry(@TenantId() tenantId: string, @Param('id') id: string) {
    return this.commands.retry(tenantId, id);
  }

  @Get('dead-letters')
  listDeadLetters(
    @TenantId() tenantId: string,
    @Query() query: Record<string, string | undefined>,
  ) {
    return this.deadLetters.list(tenantId, {
      subscriptionId: query.subscriptionId,
      includeRedriven: optionalBoolean('includeRedriven', query.includeRedriven),
      cursor: query.cursor,
      limit: pageLimit(query.limit),
    });
  }

  @Post('dead-letters/redrive')
  @HttpCode(202)
  redrive(@TenantId() tenantId: string, @Body() body: unknown) {
    return this.commands.redrive(
      tenantId,
      this.validator.body<{ deliveryIds?: string[]; subscriptionId?: string; limit?: number }>(
        'Redrive',
        body ?? {},
      ),
    );
  }
}
