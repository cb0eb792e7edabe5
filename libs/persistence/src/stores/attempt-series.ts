import { DataSource } from 'typeorm';
import { rowsOf } from './query-rows';

export interface AttemptBucket {
  /** Start of the bucket (ISO). */
  at: string;
  succeeded: number;
  failed: number;
  /** Median and highest attempt latency in the bucket; null when it has no attempt. */
  p50LatencyMs: number | null;
  maxLatencyMs: number | null;
}

export interface AttemptSeriesWindow {
  since: Date;
  until: Date;
  bucketSeconds: number;
}

/**
 * A subscription's attempts over time, bucketed: how many succeeded and failed, and their
 * latency. Reads only the partitions of the window, through the (tenant, subscription, time)
 * index; buckets without attempts are left out (the caller fills the gaps).
 */
export class AttemptSeries {
  constructor(private readonly dataSource: DataSource) {}

  async of(
    tenantId: string,
    subscriptionId: string,
    window: AttemptSeriesWindow,
  ): Promise<AttemptBucket[]> {
    const rows = rowsOf<{
      at: Date;
      succeeded: string;
      failed: string;
      p50: number | null;
      max: number | null;
    }>(
      await this.dataSource.query(
        `SELECT date_bin(make_interval(secs => $5), attempted_at, $3::timestamptz) AS at,
                count(*) FILTER (WHERE outcome = 'succeeded') AS succeeded,
                count(*) FILTER (WHERE outcome = 'failed') AS failed,
                percentile_disc(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
                max(latency_ms) AS max
           FROM delivery_attempts
          WHERE tenant_id = $1 AND subscription_id = $2
            AND attempted_at >= $3 AND attempted_at < $4
          GROUP BY 1 ORDER BY 1`,
        [tenantId, subscriptionId, window.since, window.until, window.bucketSeconds],
      ),
    );
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      succeeded: Number(r.succeeded),
      failed: Number(r.failed),
      p50LatencyMs: r.p50 === null ? null : Number(r.p50),
      maxLatencyMs: r.max === null ? null : Number(r.max),
    }));
  }
}
