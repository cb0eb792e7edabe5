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
import { SchemaLimits } from '@herald/tenant-schemas';
import {
  EventTypeExistsError,
  EventTypeInput,
  EventTypeStore,
  PUBLIC_TENANT_ID,
} from '@herald/persistence';
import { AdminAuthGuard } from '../auth/auth.guards';
import { RequestValidator } from '../http/body-validator';
import { conflict, invalidField, notFound } from '../http/problem';
import { pageLimit } from '../http/query-params';
import { SubscriptionApiConfig } from '../subscription-api.config';
import { checkDataSchema, schemaLimitsOf } from './data-schema-check';

function requirePublic(visibility: string | undefined): void {
  if (visibility === 'tenant') {
    throw invalidField('visibility', 'must be public on /v1/public-event-types');
  }
}

/**
 * Public (broadcast) event types: the operator's, the admin token only. A public event (one
 * without a tenant) needs one; a tenant's event is checked against it when that tenant has no
 * type of the same name itself.
 */
@Controller('v1/public-event-types')
@UseGuards(AdminAuthGuard)
export class PublicEventTypesController {
  private readonly schemaLimits: SchemaLimits;

  constructor(
    private readonly validator: RequestValidator,
    private readonly eventTypes: EventTypeStore,
    @Inject(SubscriptionApiConfig) config: SubscriptionApiConfig,
  ) {
    this.schemaLimits = schemaLimitsOf(config);
  }

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown) {
    const input = this.validator.body<Partial<EventTypeInput> & { name: string }>(
      'EventTypeCreate',
      body,
    );
    requirePublic(input.visibility);
    checkDataSchema(input.schema, this.schemaLimits);
    try {
      return await this.eventTypes.create(PUBLIC_TENANT_ID, {
        name: input.name,
        description: input.description ?? null,
        code: input.code ?? null,
        schema: input.schema ?? null,
        visibility: 'public',
      });
    } catch (error) {
      if (error instanceof EventTypeExistsError) throw conflict(error.message, 'name');
      throw error;
    }
  }

  @Get()
  list(@Query() query: Record<string, string | undefined>) {
    return this.eventTypes.list(PUBLIC_TENANT_ID, {
      cursor: query.cursor,
      limit: pageLimit(query.limit),
    });
  }

  @Get(':name')
  async get(@Param('name') name: string) {
    const found = await this.eventTypes.find(PUBLIC_TENANT_ID, name);
    if (!found) throw notFound(`public event type ${name}`, 'name');
    return found;
  }

  @Patch(':name')
  async update(@Param('name') name: string, @Body() body: unknown) {
    const patch = this.validator.body<Partial<Omit<EventTypeInput, 'name'>>>(
      'EventTypePatch',
      body,
    );
    requirePublic(patch.visibility);
    checkDataSchema(patch.schema, this.schemaLimits);
    const updated = await this.eventTypes.update(PUBLIC_TENANT_ID, name, {
      ...patch,
      visibility: 'public',
    });
    if (!updated) throw notFound(`public event type ${name}`, 'name');
    return updated;
  }

  @Delete(':name')
  @HttpCode(204)
  async delete(@Param('name') name: string): Promise<void> {
    if (!(await this.eventTypes.delete(PUBLIC_TENANT_ID, name))) {
      throw notFound(`public event type ${name}`, 'name');
    }
  }
}
