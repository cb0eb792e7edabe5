import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  UseGuards,
} from '@nestjs/common';
import { EventStore } from '@herald/persistence';
import { TenantAuthGuard, TenantId } from '../auth/auth.guards';
import { notFound } from '../http/problem';
import { SubscriptionApiConfig } from '../subscription-api.config';
import { EventIngestService } from './event-ingest.service';
import { IngestRateGate } from './ingest-rate-gate';

@Controller('v1/events')
@UseGuards(TenantAuthGuard)
export class EventsController {
  constructor(
    private readonly ingest: EventIngestService,
    private readonly events: EventStore,
    private readonly rate: IngestRateGate,
    @Inject(SubscriptionApiConfig) private readonly config: SubscriptionApiConfig,
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

  /**
   * A CloudEvents batch (a JSON array; `application/cloudevents-batch+json` or JSON): 200 with
   * one result per event. Each event takes a token of the tenant's rate (over it: 429 for all).
   */
  @Post('batch')
  @HttpCode(200)
  acceptBatch(
    @TenantId() tenantId: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ) {
    const events = Array.isArray(body) ? body.length : 1;
    this.rate.admit(
      tenantId,
      Math.min(Math.max(events, 1), this.config.HERALD_API_MAX_BATCH_EVENTS),
    );
    return this.ingest.acceptBatch(tenantId, body, idempotencyKey);
  }

  @Get(':id')
  async get(@TenantId() tenantId: string, @Param('id') id: string) {
    const stored = await this.events.findById(tenantId, id);
    if (!stored) throw notFound(`event ${id}`);
    return stored.event;
  }
}
