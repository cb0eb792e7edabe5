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
import { invalid, notFound } from '../http/problem';
import { HttpHeaders, binaryModeEvent, isBinaryMode } from './binary-cloud-event';
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

  /**
   * One CloudEvent: structured mode (the JSON body is the event) or binary mode (`ce-*`
   * headers are its attributes, the JSON body its data; a bad header is a 400 naming it).
   */
  @Post()
  @HttpCode(202)
  accept(@TenantId() tenantId: string, @Body() body: unknown, @Headers() headers: HttpHeaders) {
    this.rate.admit(tenantId);
    const idempotencyKey = headers['idempotency-key'];
    const key = Array.isArray(idempotencyKey) ? idempotencyKey.join(',') : idempotencyKey;
    if (!isBinaryMode(headers)) return this.ingest.accept(tenantId, body, key);
    const built = binaryModeEvent(headers, body);
    if (!built.ok) throw invalid(built.issues);
    return this.ingest.accept(tenantId, built.event, key, 'binary');
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
