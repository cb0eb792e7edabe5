import 'reflect-metadata';
import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { createJsonLogger } from './json-logger';
import { Readiness } from './readiness';

export interface ServiceOptions {
  name: string;
  module: Type<unknown> | DynamicModule;
  port: number;
  /** Listen address; loopback unless told otherwise (`HERALD_HTTP_HOST`). */
  host?: string;
  logLevel: string;
  shutdownTimeoutMs: number;
  bodyLimitBytes?: number;
  /** Fastify's options, when the service sets more than the body limit (which they replace). */
  server?: ConstructorParameters<typeof FastifyAdapter>[0];
  /** false: the service registers its own body parsers (Nest's are not installed). */
  bodyParser?: boolean;
  /** Extra set-up before listening (OpenAPI, hooks). */
  configure?: (app: NestFastifyApplication) => Promise<void> | void;
}

/**
 * Starts a Herald service: Fastify under Nest, JSON logs, graceful shutdown on SIGTERM/SIGINT
 * (readiness turns false first, then modules drain, then the process exits).
 */
export async function bootstrapService(options: ServiceOptions): Promise<NestFastifyApplication> {
  const logger = createJsonLogger(options.name, options.logLevel);
  const app = await NestFactory.create<NestFastifyApplication>(
    options.module,
    new FastifyAdapter(options.server ?? { bodyLimit: options.bodyLimitBytes ?? 1_048_576 }),
    { logger, bodyParser: options.bodyParser ?? true },
  );
  await options.configure?.(app);
  installShutdown(app, options, logger);
  await app.listen(options.port, options.host ?? '127.0.0.1');
  logger.log(`${options.name} listening on ${await app.getUrl()}`);
  return app;
}

function installShutdown(
  app: INestApplication,
  options: ServiceOptions,
  logger: ReturnType<typeof createJsonLogger>,
): void {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received, draining`);
    app.get(Readiness).markShuttingDown();
    const force = setTimeout(() => {
      logger.error(`shutdown took longer than ${options.shutdownTimeoutMs} ms, exiting`);
      process.exit(1);
    }, options.shutdownTimeoutMs);
    force.unref();
    app
      .close()
      .then(() => {
        logger.log('stopped');
        process.exit(0);
      })
      .catch((error: Error) => {
        logger.error(`shutdown failed: ${error.message}`);
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
