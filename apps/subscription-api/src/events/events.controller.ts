import { Body, Controller, Get, Headers, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { EventStore } from '@herald/persistence';
import { TenantAuthGuard, TenantId } from '../auth/auth.guards';
import { notFound } from '../http/problem';
import { EventIngestService } from './event-ingest.service';
import { IngestRateGate } from './ingest-rate-gate';

@Controller('v1/events')
@UseGuards(TenantAuthGuard)
export class EventsController {
  constructor(
    private readonly ingest: EventIngestService,
    private readonly events: EventStore,
    private readonly rate: IngestRateGate,
  ) {}

  @Post()
  @HttpCode(202)
  accept(
    @TenantId() tenantId: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ) {
    this.rate.admit(tenantId);
    return this.ingest.accept(tenantId, body, idempotencyKey);
  }

  @Get(':id')
  async get(@TenantId() tenantId: string, @Param('id') id: string) {
    const stored = await this.events.findById(tenantId, id);
    if (!stored) throw notFound(`event ${id}`);
    return stored.event;
  }
}
