import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PartitionMaintenance } from '@herald/persistence';
import { PollingLoop } from '../infrastructure/polling-loop';
import { SubscriptionApiConfig } from '../subscription-api.config';

const HOUR_MS = 3_600_000;

/** Keeps the daily partitions ahead and drops those past retention, every hour. */
@Injectable()
export class PartitionMaintainer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PartitionMaintainer');
  /** `run` reports its own failures, so the loop never backs off. */
  private readonly loop = new PollingLoop(() => this.run(), {
    intervalMs: HOUR_MS,
    firstDelayMs: HOUR_MS,
    onError: () => undefined,
  });

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SubscriptionApiConfig) private readonly config: SubscriptionApiConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  async run(): Promise<void> {
    try {
      const report = await new PartitionMaintenance(this.dataSource, {
        retentionDays: this.config.HERALD_RETENTION_DAYS,
      }).run();
      if (report.created.length + report.dropped.length > 0) {
        this.logger.log(
          `partitions created: ${report.created.join(', ') || 'none'}; dropped: ${report.dropped.join(', ') || 'none'}`,
        );
      }
    } catch (error) {
      this.logger.error(`partition maintenance failed: ${(error as Error).message}`);
    }
  }
}
