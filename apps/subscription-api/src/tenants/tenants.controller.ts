import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  TenantEntity,
  TenantExistsError,
  TenantLimitsDirectory,
  TenantStore,
} from '@herald/persistence';
import { TenantLimitOverrides } from '@herald/tenancy';
import { ApiKeyInput, ApiKeysService } from '../api-keys/api-keys.service';
import { AdminAuthGuard } from '../auth/auth.guards';
import { RequestValidator } from '../http/body-validator';
import { conflict, notFound } from '../http/problem';
import { pageLimit } from '../http/query-params';

/** Tenants and their API keys: the admin token only. */
@Controller('v1')
@UseGuards(AdminAuthGuard)
export class TenantsController {
  constructor(
    private readonly validator: RequestValidator,
    private readonly tenants: TenantStore,
    private readonly apiKeys: ApiKeysService,
    private readonly limits: TenantLimitsDirectory,
  ) {}

  @Post('tenants')
  @HttpCode(201)
  async create(@Body() body: unknown) {
    const input = this.validator.body<{
      id?: string;
      name: string;
      metadata?: Record<string, string>;
      limits?: Record<string, number | null>;
      requireHttps?: boolean;
    }>('TenantCreate', body);
    try {
      const tenant = await this.tenants.create({ ...input, limits: withoutNulls(input.limits) });
      this.limits.set(tenant.id, tenant.limits);
      return this.view(tenant);
    } catch (error) {
      if (error instanceof TenantExistsError) throw conflict(error.message, 'id');
      throw error;
    }
  }

  @Get('tenants/:id')
  async get(@Param('id') id: string) {
    const tenant = await this.tenants.findById(id);
    if (!tenant) throw notFound(`tenant ${id}`);
    return this.view(tenant);
  }

  /**
   * Name, metadata, limit overrides (a limit set to null goes back to the default) and
   * requireHttps (refused, 409, while a subscription of the tenant uses http).
   */
  @Patch('tenants/:id')
  async update(@Param('id') id: string, @Body() body: unknown) {
    const patch = this.validator.body<{
      name?: string;
      metadata?: Record<string, string>;
      limits?: Record<string, number | null>;
      requireHttps?: boolean;
    }>('TenantPatch', body);
    if (patch.requireHttps) {
      const plain = await this.tenants.plainHttpSubscriptions(id);
      if (plain.length > 0) {
        throw conflict(
          `subscriptions still use http:// callback or token URLs (${plain.join(', ')}${plain.length === 10 ? ', ...' : ''}): change them to https first`,
          'requireHttps',
        );
      }
    }
    const tenant = await this.tenants.update(id, patch);
    if (!tenant) throw notFound(`tenant ${id}`);
    this.limits.set(tenant.id, tenant.limits);
    return this.view(tenant);
  }

  private view(tenant: TenantEntity) {
    return { ...tenant, effectiveLimits: this.limits.limitsOf(tenant.id) };
  }

  @Get('tenants')
  list(@Query() query: Record<string, string | undefined>) {
    return this.tenants.list({ cursor: query.cursor, limit: pageLimit(query.limit) });
  }

  /** Issues a key (name, scope, expiry); the plain key is in this response only. */
  @Post('tenants/:id/api-keys')
  @HttpCode(201)
  async issueKey(@Param('id') tenantId: string, @Body() body: unknown) {
    const input = this.validator.body<ApiKeyInput>('ApiKeyCreate', body ?? {});
    if (!(await this.tenants.findById(tenantId))) throw notFound(`tenant ${tenantId}`);
    return this.apiKeys.issue(tenantId, input);
  }

  /** Every key of the tenant, without values. */
  @Get('tenants/:id/api-keys')
  async listKeys(@Param('id') tenantId: string) {
    if (!(await this.tenants.findById(tenantId))) throw notFound(`tenant ${tenantId}`);
    return this.apiKeys.list(tenantId);
  }
}

function withoutNulls(limits: Record<string, number | null> | undefined): TenantLimitOverrides {
  return Object.fromEntries(Object.entries(limits ?? {}).filter(([, v]) => v !== null));
}
