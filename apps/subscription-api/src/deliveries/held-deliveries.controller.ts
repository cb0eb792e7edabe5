import { Controller, Delete, Get, Param, Query, UseGuards } from '@nestjs/common';
import { TenantAuthGuard, TenantId } from '../auth/auth.guards';
import { pageLimit } from '../http/query-params';
import { HeldDeliveries } from './held-deliveries.service';

/** `/v1/subscriptions/{id}/held`: the deliveries a subscription holds, to read or discard. */
@Controller('v1/subscriptions/:id/held')
@UseGuards(TenantAuthGuard)
export class HeldDeliveriesController {
  constructor(private readonly held: HeldDeliveries) {}

  @Get()
  list(
    @TenantId() tenantId: string,
    @Param('id') id: string,
    @Query() query: Record<string, string | undefined>,
  ) {
    return this.held.list(tenantId, id, { limit: pageLimit(query.limit), cursor: query.cursor });
  }

  /** 200 with how many were discarded (0 when none was held). */
  @Delete()
  discard(@TenantId() tenantId: string, @Param('id') id: string) {
    return this.held.discard(tenantId, id);
  }
}
