import { Body, Controller, Get, Patch, UseGuards } from '@nestjs/common';
import { CachedEventCatalog } from '@herald/tenant-schemas';
import { TenantStore } from '@herald/persistence';
import { TenantAuthGuard, TenantId } from '../auth/auth.guards';
import { RequestValidator } from '../http/body-validator';
import { notFound } from '../http/problem';

/**
 * The tenant's event catalogue settings. `strict: true` refuses events of types the tenant has
 * not registered (its own or a public one): `POST /v1/events` answers 422 naming `type`, and a
 * Kafka event goes to herald.events.invalid as `unknown_event_type` (listed by
 * `GET /v1/invalid-events`). event-ingest sees a change within HERALD_INGEST_CATALOG_TTL_MS.
 */
@Controller('v1/event-catalogue')
@UseGuards(TenantAuthGuard)
export class EventCatalogueController {
  constructor(
    private readonly validator: RequestValidator,
    private readonly tenants: TenantStore,
    private readonly catalog: CachedEventCatalog,
  ) {}

  @Get()
  async get(@TenantId() tenantId: string): Promise<{ strict: boolean }> {
    const found = await this.tenants.catalogueOf(tenantId);
    if (!found) throw notFound(`tenant ${tenantId}`);
    return found;
  }

  @Patch()
  async update(@TenantId() tenantId: string, @Body() body: unknown): Promise<{ strict: boolean }> {
    const input = this.validator.body<{ strict: boolean }>('EventCatalogueSettings', body);
    if (!(await this.tenants.update(tenantId, { strictEventTypes: input.strict }))) {
      throw notFound(`tenant ${tenantId}`);
    }
    this.catalog.forget(tenantId);
    return { strict: input.strict };
  }
}
