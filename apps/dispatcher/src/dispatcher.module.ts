import { DynamicModule, Module } from '@nestjs/common';
import { ObservabilityModule } from '@herald/observability';
import { DispatcherConfig } from './dispatcher.config';

@Module({})
export class DispatcherModule {
  static register(config: DispatcherConfig, version: string): DynamicModule {
    return {
      module: DispatcherModule,
      imports: [ObservabilityModule.forService({ service: 'dispatcher', version })],
      providers: [{ provide: DispatcherConfig, useValue: config }],
    };
  }
}
