import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { CachedEventCatalog, SchemaLimits } from '@herald/tenant-schemas';
import {
  EventTypeExistsError,
  EventTypeInput,
  EventTypeStore,
  QuotaExceededError,
  TenantLimitsDirectory,
} from '@herald/persistence';
import { TenantAuthGuard, TenantId } from '../auth/auth.guards';
import { RequestValidator } from '../http/body-validator';
import { conflict, forbiddenField, notFound, quotaExceeded } from '../http/problem';
import { TenantLimitMetrics } from '../tenants/tenant-limits.providers';
import { pageLimit } from '../http/query-params';
import { SubscriptionApiConfig } from '../subscription-api.config';
import { checkDataSchema, schemaLimitsOf } from './data-schema-check';

/** Public (broadcast) event types are the operator's: a tenant asking for one gets 403. */
function refusePublic(visibility: string | undefined): void {
  if (visibility === 'public') {
    throw forbiddenField(
      'visibility',
      'public event types are created and changed by the operator (admin token, /v1/public-event-types)',
    );
  }
}

/** A tenant's own event types: they apply to that tenant's events only. */
@Controller('v1/event-types')
@UseGuards(TenantAuthGuard)
export class EventTypesController {
  private readonly schemaLimits: SchemaLimits;

  constructor(
    private readonly validator: RequestValidator,
    private readonly eventTypes: EventTypeStore,
    private readonly limits: TenantLimitsDirectory,
    private readonly limitMetrics: TenantLimitMetrics,
    @Inject(SubscriptionApiConfig) config: SubscriptionApiConfig,
    private readonly catalog: CachedEventCatalog,
  ) {
    this.schemaLimits = schemaLimitsOf(config);
  }

  @Post()
  @HttpCode(201)
  async create(@TenantId() tenantId: string, @Body() body: unknown) {
    const input = this.validator.body<Partial<EventTypeInput> & { name: string }>(
      'EventTypeCreate',
      body,
    );
    refusePublic(input.visibility);
    checkDataSchema(input.schema, this.schemaLimits);
    try {
      const created = await this.eventTypes.create(
        tenantId,
        {
          name: input.name,
          description: input.description ?? null,
          code: input.code ?? null,
          schema: input.schema ?? null,
          visibility: 'tenant',
        },
        new Date(),
        this.limits.limitsOf(tenantId),
      );
      // This instance's POST /v1/events sees the new type at once (others within the TTL).
      this.catalog.forget(tenantId, input.name);
      return created;
    } catch (error) {
      if (error instanceof EventTypeExistsError) throw conflict(error.message, 'name');
      if (error instanceof QuotaExceededError) {
        this.limitMetrics.refused.inc({ limit: error.exceeded.quota });
        throw quotaExceeded(error.exceeded.quota, error.exceeded.limit, error.exceeded.used);
      }
      throw error;
    }
  }

  @Get()
  list(@TenantId() tenantId: string, @Query() query: Record<string, string | undefined>) {
    return this.eventTypes.list(tenantId, { cursor: query.cursor, limit: pageLimit(query.limit) });
  }

  @Get(':name')
  async get(@TenantId() tenantId: string, @Param('name') name: string) {
    const found = await this.eventTypes.find(tenantId, name);
    if (!found) throw notFound(`event type ${name}`, 'name');
    return found;
  }

  @Patch(':name')
  async update(@TenantId() tenantId: string, @Param('name') name: string, @Body() body: unknown) {
    const patch = this.validator.body<Partial<Omit<EventTypeInput, 'name'>>>(
      'EventTypePatch',
      body,
    );
    refusePublic(patch.visibility);
    checkDataSchema(patch.schema, this.schemaLimits);
    const updated = await this.eventTypes.update(tenantId, name, patch);
    if (!updated) throw notFound(`event type ${name}`, 'name');
    this.catalog.forget(tenantId, name);
    return updated;
  }

  @Delete(':name')
  @HttpCode(204)
  async delete(@TenantId() tenantId: string, @Param('name') name: string): Promise<void> {
    if (!(await this.eventTypes.delete(tenantId, name)))
      throw notFound(`event type ${name}`, 'name');
    this.catalog.forget(tenantId, name);
  }
}
