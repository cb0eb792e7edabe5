import { DynamicModule, Module } from '@nestjs/common';
import { ObservabilityModule } from '@herald/observability';
import { MatcherConfig } from './matcher.config';

@Module({})
export class MatcherModule {
  static register(config: MatcherConfig, version: string): DynamicModule {
    return {
      module: MatcherModule,
      imports: [ObservabilityModule.forService({ service: 'matcher', version })],
      providers: [{ provide: MatcherConfig, useValue: config }],
    };
  }
}
