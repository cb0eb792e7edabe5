import { DynamicModule, Module } from '@nestjs/common';
import { ObservabilityModule } from '@herald/observability';
import { RetrySchedulerConfig } from './retry-scheduler.config';

@Module({})
export class RetrySchedulerModule {
  static register(config: RetrySchedulerConfig, version: string): DynamicModule {
    return {
      module: RetrySchedulerModule,
      imports: [ObservabilityModule.forService({ service: 'retry-scheduler', version })],
      providers: [{ provide: RetrySchedulerConfig, useValue: config }],
    };
  }
}
