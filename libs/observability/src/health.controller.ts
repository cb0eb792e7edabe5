import { Controller, Get, Header, HttpCode, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Registry } from 'prom-client';
import { Readiness } from './readiness';

@Controller()
export class HealthController {
  constructor(
    @Inject(Registry) private readonly registry: Registry,
    @Inject(Readiness) private readonly readiness: Readiness,
  ) {}

  @Get('health/live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const report = await this.readiness.report();
    await reply.status(report.ready ? 200 : 503).send(report);
  }

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async metrics(@Res() reply: FastifyReply): Promise<void> {
    const body = await this.registry.metrics();
    await reply.header('Content-Type', this.registry.contentType).send(body);
  }
}
