import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiKeyStore, TenantExistsError, TenantStore } from '@herald/persistence';
import { ApiKeyAuthenticator } from '../auth/api-key-authenticator';
import { AdminAuthGuard } from '../auth/auth.guards';
import { validateBody } from '../http/body-validator';
import { conflict, notFound } from '../http/problem';
import { pageLimit } from '../http/query-params';

/** Tenants and their API keys: the admin token only. */
@Controller('v1')
@UseGuards(AdminAuthGuard)
export class TenantsController {
  constructor(
    private readonly tenants: TenantStore,
    private readonly keys: ApiKeyStore,
    private readonly authenticator: ApiKeyAuthenticator,
  ) {}

  @Post('tenants')
  @HttpCode(201)
  async create(@Body() body: unknown) {
    const input = validateBody<{ id?: string; name: string; metadata?: Record<string, string> }>(
      'TenantCreate',
      body,
    );
    try {
      return await this.tenants.create(input);
    } catch (error) {
      if (error instanceof TenantExistsError) throw conflict(error.message, 'id');
      throw error;
    }
  }

  @Get('tenants')
  list(@Query() query: Record<string, string | undefined>) {
    return this.tenants.list({ cursor: query.cursor, limit: pageLimit(query.limit) });
  }

  /** Issues a key; the plain key is in this response only. */
  @Post('tenants/:id/api-keys')
  @HttpCode(201)
  async issueKey(@Param('id') tenantId: string, @Body() body: unknown) {
    const { name } = validateBody<{ name?: string }>('ApiKeyCreate', body ?? {});
    if (!(await this.tenants.findById(tenantId))) throw notFound(`tenant ${tenantId}`);
    const { key, plain } = await this.keys.issue(tenantId, name ?? 'default');
    return {
      id: key.id,
      tenantId,
      name: key.name,
      prefix: key.prefix,
      createdAt: key.createdAt,
      key: plain,
    };
  }

  @Delete('api-keys/:id')
  @HttpCode(204)
  async revoke(@Param('id') id: string): Promise<void> {
    if (!(await this.keys.revoke(id))) throw notFound(`API key ${id}`);
    this.authenticator.forgetKey(id);
  }
}
