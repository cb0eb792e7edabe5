import { DynamicModule, Module } from '@nestjs/common';
import { ObservabilityModule } from '@herald/observability';
import { EventIngestConfig } from './event-ingest.config';

@Module({})
export class EventIngestModule {
  static register(config: EventIngestConfig, version: string): DynamicModule {
    return {
      module: EventIngestModule,
      imports: [ObservabilityModule.forService({ service: 'event-ingest', version })],
      providers: [{ provide: EventIngestConfig, useValue: config }],
    };
  }
}
