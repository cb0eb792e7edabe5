import { CHART_RANGES, chartColumns, chartTotals, rangeQuery } from './chart-data';

const series = {
  subscriptionId: 'sub_1',
  since: '2026-12-03T10:00:00Z',
  until: '2026-12-03T10:02:00Z',
  bucketSeconds: 60,
  buckets: [
    { at: '2026-12-03T10:00:00Z', succeeded: 3, failed: 1, p50LatencyMs: 12, maxLatencyMs: 40 },
    { at: '2026-12-03T10:01:00Z', succeeded: 0, failed: 0, p50LatencyMs: null, maxLatencyMs: null },
  ],
};

describe('the attempt chart data', () => {
  it('fills every bucket of the window, in seconds: no attempts is zero and no latency', () => {
    const at = (iso: string) => Date.parse(iso) / 1000;
    expect(chartColumns({ ...series, buckets: [series.buckets[0]] })).toEqual([
      [at('2026-12-03T10:00:00Z'), at('2026-12-03T10:01:00Z')],
      [3, 0],
      [1, 0],
      [12, null],
    ]);
    expect(chartTotals(series)).toEqual({ succeeded: 3, failed: 1 });
  });

  it('asks for each range with a bucket size the endpoint accepts', () => {
    const now = new Date('2026-12-03T12:00:29.500Z');
    expect(rangeQuery(CHART_RANGES[1], now)).toEqual({
      since: '2026-12-03T11:00:00.000Z',
      until: '2026-12-03T12:00:29.500Z',
      bucketSeconds: '60',
    });
    for (const range of CHART_RANGES) {
      expect(range.seconds / range.bucketSeconds).toBeLessThanOrEqual(170);
    }
  });
});
