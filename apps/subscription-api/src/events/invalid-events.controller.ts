import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { INVALID_REASONS } from '@herald/contracts';
import { InvalidEventRecord, InvalidEventStore, Page } from '@herald/persistence';
import { TenantAuthGuard, TenantId } from '../auth/auth.guards';
import { optionalEnum, pageLimit } from '../http/query-params';

/** A rejected event as the tenant sees it (its own tenant id is implied). */
export type InvalidEventView = Omit<InvalidEventRecord, 'tenantId'>;

/**
 * The tenant's rejected Kafka events, newest first: what each claimed to be (id, type, source),
 * why it was refused and where it was read (topic, partition, offset). Never the payload or
 * headers. Written by event-ingest for messages that name an existing tenant; kept for the
 * retention period (HERALD_RETENTION_DAYS).
 */
@Controller('v1/invalid-events')
@UseGuards(TenantAuthGuard)
export class InvalidEventsController {
  constructor(private readonly store: InvalidEventStore) {}

  @Get()
  async list(
    @TenantId() tenantId: string,
    @Query() query: Record<string, string | undefined>,
  ): Promise<Page<InvalidEventView>> {
    const page = await this.store.list(tenantId, {
      reason: optionalEnum('reason', query.reason, INVALID_REASONS),
      cursor: query.cursor,
      limit: pageLimit(query.limit),
    });
    return {
      items: page.items.map(({ tenantId: _own, ...view }) => view),
      nextCursor: page.nextCursor,
    };
  }
}
