import { DataSource } from 'typeorm';
import type { CatalogSource, EventTypeRecord, TenantCatalogue } from '@herald/tenant-schemas';
import { EventTypeStore } from './event-type-store';
import { TenantStore } from './tenant-store';

/**
 * The event catalogue read from PostgreSQL (tenants' strictness, their types and the operator's
 * public ones): what event-ingest and HTTP ingest cache in a `CachedEventCatalog`.
 */
export class EventCatalogSource implements CatalogSource {
  private readonly tenants: TenantStore;
  private readonly eventTypes: EventTypeStore;

  constructor(dataSource: DataSource) {
    this.tenants = new TenantStore(dataSource);
    this.eventTypes = new EventTypeStore(dataSource);
  }

  tenant(tenantId: string): Promise<TenantCatalogue | null> {
    return this.tenants.catalogueOf(tenantId);
  }

  async eventTypeSchema(tenantId: string | null, type: string): Promise<EventTypeRecord | null> {
    const found = await this.eventTypes.findForEvent(tenantId, type);
    return found
      ? { schema: found.schema, code: found.code, description: found.description }
      : null;
  }
}
