import { DynamicModule, Global, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { HealthController } from './health.controller';
import { BuildInfo, createMetricsRegistry } from './metrics-registry';
import { Readiness } from './readiness';

/** Health probes, `/metrics` and the service's metrics registry, shared by every module. */
@Global()
@Module({})
export class ObservabilityModule {
  static forService(build: BuildInfo): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [HealthController],
      providers: [
        { provide: Registry, useFactory: () => createMetricsRegistry(build) },
        { provide: Readiness, useValue: new Readiness() },
      ],
      exports: [Registry, Readiness],
    };
  }
}
