import { DataSource } from 'typeorm';
import { EventTypeStore, TenantStore } from '@herald/persistence';
import { CatalogSource, EventTypeRecord } from './event-catalog';

/** The catalog read from PostgreSQL through the persistence stores. */
export class CatalogSourceRepository implements CatalogSource {
  private readonly tenants: TenantStore;
  private readonly eventTypes: EventTypeStore;

  constructor(dataSource: DataSource) {
    this.tenants = new TenantStore(dataSource);
    this.eventTypes = new EventTypeStore(dataSource);
  }

  async tenantExists(tenantId: string): Promise<boolean> {
    return (await this.tenants.findById(tenantId)) !== null;
  }

  async eventTypeSchema(tenantId: string | null, type: string): Promise<EventTypeRecord | null> {
    const found = await this.eventTypes.findForEvent(tenantId, type);
    return found
      ? { schema: found.schema, code: found.code, description: found.description }
      : null;
  }
}
