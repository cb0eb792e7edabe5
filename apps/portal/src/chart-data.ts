import type { Schemas } from './api/client';

type Series = Schemas['AttemptSeries'];

/** The chart's columns (uPlot's data): seconds, successes, failures, median latency (ms). */
export type ChartColumns = [number[], number[], number[], (number | null)[]];

/**
 * Every bucket of the window, oldest first: the endpoint answers only buckets that had attempts,
 * so the others are zero attempts (and no latency).
 */
export function chartColumns(series: Series): ChartColumns {
  // The endpoint bins from `since` (PostgreSQL date_bin with `since` as the origin).
  const stepMs = series.bucketSeconds * 1000;
  const byStart = new Map<number, Series['buckets'][number]>();
  for (const bucket of series.buckets) byStart.set(new Date(bucket.at).getTime(), bucket);
  const first = new Date(series.since).getTime();
  const last = new Date(series.until).getTime();
  const columns: ChartColumns = [[], [], [], []];
  for (let at = first; at < last; at += stepMs) {
    const bucket = byStart.get(at);
    columns[0].push(at / 1000);
    columns[1].push(bucket?.succeeded ?? 0);
    columns[2].push(bucket?.failed ?? 0);
    columns[3].push(bucket?.p50LatencyMs ?? null);
  }
  return columns;
}

/** The ranges the chart offers, with a bucket size that keeps it at 60 to 170 points. */
export const CHART_RANGES = [
  { label: 'Last 15 minutes', seconds: 900, bucketSeconds: 10 },
  { label: 'Last hour', seconds: 3_600, bucketSeconds: 60 },
  { label: 'Last 24 hours', seconds: 86_400, bucketSeconds: 900 },
  { label: 'Last 7 days', seconds: 604_800, bucketSeconds: 3_600 },
] as const;

/** The window ending now, its start on a whole bucket (so buckets fall on round times). */
export function rangeQuery(range: (typeof CHART_RANGES)[number], now: Date) {
  const stepMs = range.bucketSeconds * 1000;
  const since = Math.floor((now.getTime() - range.seconds * 1000) / stepMs) * stepMs;
  return {
    since: new Date(since).toISOString(),
    until: now.toISOString(),
    bucketSeconds: String(range.bucketSeconds),
  };
}

/** Totals for the text beside the chart (and for screen readers). */
export function chartTotals(series: Series): { succeeded: number; failed: number } {
  let succeeded = 0;
  let failed = 0;
  for (const b of series.buckets) {
    succeeded += b.succeeded;
    failed += b.failed;
  }
  return { succeeded, failed };
}
