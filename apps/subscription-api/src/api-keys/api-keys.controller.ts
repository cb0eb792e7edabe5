import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  UseGuards,
} from '@nestjs/common';
import {
  AdminOrTenantAuthGuard,
  Caller,
  CallerIdentity,
  TenantAuthGuard,
  TenantId,
} from '../auth/auth.guards';
import { RequestValidator } from '../http/body-validator';
import { ApiKeyInput, ApiKeysService } from './api-keys.service';

/** A tenant's own API keys (a manage key); the admin can revoke any key. */
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(
    private readonly validator: RequestValidator,
    private readonly keys: ApiKeysService,
  ) {}

  @Get()
  @UseGuards(TenantAuthGuard)
  list(@TenantId() tenantId: string) {
    return this.keys.list(tenantId);
  }

  /** Issues a key of the caller's tenant; the plain key is in this response only. */
  @Post()
  @HttpCode(201)
  @UseGuards(TenantAuthGuard)
  issue(@TenantId() tenantId: string, @Body() body: unknown) {
    return this.keys.issue(tenantId, this.validator.body<ApiKeyInput>('ApiKeyCreate', body ?? {}));
  }

  @Patch(':id')
  @UseGuards(TenantAuthGuard)
  rename(@TenantId() tenantId: string, @Param('id') id: string, @Body() body: unknown) {
    const { name } = this.validator.body<{ name: string }>('ApiKeyPatch', body);
    return this.keys.rename(tenantId, id, name);
  }

  @Delete(':id')
  @HttpCode(204)
  @UseGuards(AdminOrTenantAuthGuard)
  async revoke(@Caller() caller: CallerIdentity, @Param('id') id: string): Promise<void> {
    await this.keys.revoke(id, caller.admin ? undefined : caller.tenantId);
  }
}
