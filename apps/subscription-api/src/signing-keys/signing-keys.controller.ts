import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { TenantAuthGuard, TenantId } from '../auth/auth.guards';
import { RequestValidator } from '../http/body-validator';
import { RotateKeyInput, SigningKeysService } from './signing-keys.service';

/** A tenant's key pairs: list them (public halves), rotate the tenant's or a subscription's. */
@Controller('v1')
@UseGuards(TenantAuthGuard)
export class SigningKeysController {
  constructor(
    private readonly validator: RequestValidator,
    private readonly keys: SigningKeysService,
  ) {}

  @Get('signing-keys')
  async list(@TenantId() tenantId: string) {
    return { items: await this.keys.list(tenantId) };
  }

  @Post('signing-keys/rotate')
  @HttpCode(200)
  rotateTenantKey(@TenantId() tenantId: string, @Body() body: unknown) {
    return this.keys.rotateTenantKey(
      tenantId,
      this.validator.body<RotateKeyInput>('RotateKey', body),
    );
  }

  @Post('subscriptions/:id/rotate-key')
  @HttpCode(200)
  rotateSubscriptionKey(
    @TenantId() tenantId: string,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.keys.rotateSubscriptionKey(
      tenantId,
      id,
      this.validator.body<RotateKeyInput>('RotateKey', body),
    );
  }
}
