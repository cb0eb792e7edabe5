import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import Ajv from 'ajv';
import {
  TENANT_SCHEMA_AJV_OPTIONS,
  addLinearFormats,
  jsonSchemaRegexIssues,
} from '@herald/matching';
import {
  EventTypeExistsError,
  EventTypeInput,
  EventTypeStore,
  QuotaExceededError,
  TenantLimitsDirectory,
} from '@herald/persistence';
import { TenantAuthGuard, TenantId } from '../auth/auth.guards';
import { RequestValidator } from '../http/body-validator';
import { conflict, invalidField, notFound, quotaExceeded } from '../http/problem';
import { TenantLimitMetrics } from '../tenants/tenant-limits.providers';
import { pageLimit } from '../http/query-params';

const schemaChecker = addLinearFormats(new Ajv({ strict: false, ...TENANT_SCHEMA_AJV_OPTIONS }));

/**
 * A data schema must itself be a JSON Schema ajv can compile, as event-ingest compiles it, with
 * regular expressions the linear-time engine can run (each refusal names its path).
 */
function checkDataSchema(schema: Record<string, unknown> | null | undefined): void {
  if (!schema) return;
  const [regexIssue] = jsonSchemaRegexIssues(schema);
  if (regexIssue) throw invalidField(`schema.${regexIssue.path}`, regexIssue.message);
  try {
    schemaChecker.compile(schema);
  } catch (error) {
    throw invalidField('schema', `is not a valid JSON Schema: ${(error as Error).message}`);
  }
}

@Controller('v1/event-types')
@UseGuards(TenantAuthGuard)
export class EventTypesController {
  constructor(
    private readonly validator: RequestValidator,
    private readonly eventTypes: EventTypeStore,
    private readonly limits: TenantLimitsDirectory,
    private readonly limitMetrics: TenantLimitMetrics,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@TenantId() tenantId: string, @Body() body: unknown) {
    const input = this.validator.body<Partial<EventTypeInput> & { name: string }>(
      'EventTypeCreate',
      body,
    );
    checkDataSchema(input.schema);
    try {
      return await this.eventTypes.create(
        tenantId,
        {
          name: input.name,
          description: input.description ?? null,
          code: input.code ?? null,
          schema: input.schema ?? null,
          visibility: input.visibility ?? 'tenant',
        },
        new Date(),
        this.limits.limitsOf(tenantId),
      );
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
    checkDataSchema(patch.schema);
    const updated = await this.eventTypes.update(tenantId, name, patch);
    if (!updated) throw notFound(`event type ${name}`, 'name');
    return updated;
  }

  @Delete(':name')
  @HttpCode(204)
  async delete(@TenantId() tenantId: string, @Param('name') name: string): Promise<void> {
    if (!(await this.eventTypes.delete(tenantId, name)))
      throw notFound(`event type ${name}`, 'name');
  }
}
