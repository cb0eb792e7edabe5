import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { CHART_RANGES, chartColumns, chartTotals, rangeQuery } from '../chart-data';
import { duration } from '../format';
import { usePortal } from './context';
import { ErrorNote, useLoad } from './ui';

const OK = '#1c7a3e';
const BAD = '#b3261e';
const LATENCY = '#2554c7';

/** Attempts over time (successes and failures per bucket) and the median latency, per subscription. */
export function AttemptChart({ subscriptionId }: { subscriptionId: string }) {
  const { client } = usePortal();
  const [rangeIndex, setRangeIndex] = useState(0);
  const [tick, setTick] = useState(0);
  const range = CHART_RANGES[rangeIndex];
  const series = useLoad(
    () =>
      client.get('/v1/subscriptions/{id}/attempt-series', {
        path: { id: subscriptionId },
        query: rangeQuery(range, new Date()),
      }),
    [subscriptionId, rangeIndex, tick],
  );
  const target = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = target.current;
    if (!el || !series.data) return;
    const width = Math.max(280, el.clientWidth);
    const plot = new uPlot(
      {
        width,
        height: 220,
        series: [
          {},
          { label: 'Succeeded', stroke: OK, fill: 'rgba(28,122,62,0.12)', width: 2 },
          { label: 'Failed', stroke: BAD, fill: 'rgba(179,38,30,0.12)', width: 2 },
          {
            label: 'Median latency',
            stroke: LATENCY,
            width: 1,
            dash: [4, 4],
            scale: 'ms',
            spanGaps: false,
            value: (_u, v) => (v === null ? '—' : duration(v)),
          },
        ],
        axes: [
          {},
          { label: 'attempts', size: 50 },
          { side: 1, scale: 'ms', label: 'ms', grid: { show: false }, size: 60 },
        ],
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      },
      chartColumns(series.data),
      el,
    );
    const resize = () => plot.setSize({ width: Math.max(280, el.clientWidth), height: 220 });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [series.data]);
  const totals = series.data ? chartTotals(series.data) : undefined;
  return (
    <div>
      <div class="filters">
        <label for="chart-range">Range</label>
        <select
          id="chart-range"
          value={rangeIndex}
          onChange={(e) => setRangeIndex(Number(e.currentTarget.value))}
        >
          {CHART_RANGES.map((r, i) => (
            <option key={r.label} value={i}>
              {r.label}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => setTick((t) => t + 1)}>
          Refresh chart
        </button>
      </div>
      <ErrorNote error={series.error} />
      <div
        ref={target}
        class="chart"
        role="img"
        aria-label={
          totals
            ? `${range.label}: ${totals.succeeded} attempts succeeded and ${totals.failed} failed`
            : 'Loading the attempt chart'
        }
      />
      {totals ? (
        <p class="muted small" data-testid="chart-totals">
          {range.label}: {totals.succeeded} succeeded, {totals.failed} failed.
        </p>
      ) : null}
    </div>
  );
}
