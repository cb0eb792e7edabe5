import { DynamicModule, Module } from '@nestjs/common';
import { ObservabilityModule } from '@herald/observability';
import { SubscriptionApiConfig } from './subscription-api.config';

@Module({})
export class SubscriptionApiModule {
  static register(config: SubscriptionApiConfig, version: string): DynamicModule {
    return {
      module: SubscriptionApiModule,
      imports: [ObservabilityModule.forService({ service: 'subscription-api', version })],
      providers: [{ provide: SubscriptionApiConfig, useValue: config }],
    };
  }
}
