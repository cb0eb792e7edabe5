import { AttemptSeriesWindow } from '@herald/persistence';
import { invalidField } from '../http/problem';
import { optionalDate } from '../http/query-params';

const HOUR_MS = 3_600_000;
/** The widest window one chart may ask for, and the most buckets it may get. */
export const MAX_SERIES_WINDOW_MS = 7 * 24 * HOUR_MS;
export const MAX_SERIES_BUCKETS = 500;
const NICE_BUCKETS = [10, 30, 60, 300, 900, 1800, 3600, 10_800, 21_600, 86_400];

/**
 * The window of `GET /v1/subscriptions/{id}/attempt-series`: `since` (default an hour before
 * `until`), `until` (default now), `bucketSeconds` (default: the smallest round size giving at
 * most 120 buckets). Bounded so one request reads at most a week and answers at most 500 buckets.
 */
export function attemptSeriesWindow(
  query: Record<string, string | undefined>,
  now = new Date(),
): AttemptSeriesWindow {
  const until = optionalDate('until', query.until) ?? now;
  const since = optionalDate('since', query.since) ?? new Date(until.getTime() - HOUR_MS);
  const span = until.getTime() - since.getTime();
  if (span <= 0) throw invalidField('since', 'must be before until');
  if (span > MAX_SERIES_WINDOW_MS)
    throw invalidField('since', 'the window may span at most 7 days');
  let bucketSeconds: number;
  if (query.bucketSeconds === undefined) {
    bucketSeconds = NICE_BUCKETS.find((b) => span / (b * 1000) <= 120) ?? 86_400;
  } else {
    if (!/^\d{1,6}$/.test(query.bucketSeconds)) {
      throw invalidField('bucketSeconds', 'must be an integer from 1 to 86400');
    }
    bucketSeconds = Number(query.bucketSeconds);
    if (bucketSeconds < 1 || bucketSeconds > 86_400) {
      throw invalidField('bucketSeconds', 'must be an integer from 1 to 86400');
    }
  }
  if (span / (bucketSeconds * 1000) > MAX_SERIES_BUCKETS) {
    throw invalidField(
      'bucketSeconds',
      `gives more than ${MAX_SERIES_BUCKETS} buckets for this window`,
    );
  }
  return { since, until, bucketSeconds };
}
