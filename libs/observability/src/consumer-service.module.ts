import {
  DynamicModule,
  Inject,
  Injectable,
  InjectionToken,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Type,
} from '@nestjs/common';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { ObservabilityModule } from './observability.module';
import { Readiness } from './readiness';

/** What a Kafka service's runtime offers its module: start, drain, and whether it is ready. */
export interface ConsumerRuntime {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ConsumerServiceSpec<R extends ConsumerRuntime> {
  /** The `@Module({})` class the dynamic module belongs to. */
  module: Type<unknown>;
  /** The service name (metrics, logs, the start-up failure line). */
  service: string;
  version: string;
  /** The service's typed config, provided under its token. */
  config: { provide: InjectionToken; useValue: unknown };
  openDatabase(): Promise<DataSource>;
  /** The runtime class (the injection token) and how to build it. */
  runtime: Type<R>;
  createRuntime(dataSource: DataSource, registry: Registry): R;
  /** The readiness check named after what the runtime loads (`subscriptions`, `consumer`...). */
  readiness: { name: string; check(runtime: R): boolean };
  /**
   * `background`: the HTTP server (liveness, metrics) comes up while the runtime loads, and a
   * failed start exits the process; `before-listening`: the app waits for the runtime.
   */
  start: 'background' | 'before-listening';
}

/**
 * The module of a Kafka service (event-ingest, matcher, dispatcher, retry-scheduler): health and
 * metrics, the config, a PostgreSQL pool, the runtime, and the lifecycle that starts the runtime
 * once the app is up and stops it before the pool closes.
 */
export function consumerServiceModule<R extends ConsumerRuntime>(
  spec: ConsumerServiceSpec<R>,
): DynamicModule {
  @Injectable()
  class ConsumerServiceLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
    constructor(
      @Inject(spec.runtime) private readonly runtime: R,
      private readonly dataSource: DataSource,
      private readonly readiness: Readiness,
    ) {}

    async onApplicationBootstrap(): Promise<void> {
      this.readiness.register({
        name: spec.readiness.name,
        check: () => spec.readiness.check(this.runtime),
      });
      this.readiness.register({
        name: 'database',
        check: async () => (await this.dataSource.query('SELECT 1 AS ok')).length === 1,
      });
      if (spec.start === 'before-listening') {
        await this.runtime.start();
        return;
      }
      this.runtime.start().catch((error: Error) => {
        process.stderr.write(`${spec.service} failed to start: ${error.stack ?? error.message}\n`);
        process.exit(1);
      });
    }

    async onApplicationShutdown(): Promise<void> {
      await this.runtime.stop();
      if (this.dataSource.isInitialized) await this.dataSource.destroy();
    }
  }

  return {
    module: spec.module,
    imports: [ObservabilityModule.forService({ service: spec.service, version: spec.version })],
    providers: [
      spec.config,
      { provide: DataSource, useFactory: () => spec.openDatabase() },
      {
        provide: spec.runtime,
        inject: [DataSource, Registry],
        useFactory: (dataSource: DataSource, registry: Registry) =>
          spec.createRuntime(dataSource, registry),
      },
      ConsumerServiceLifecycle,
    ],
  };
}
