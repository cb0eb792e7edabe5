export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** Median (the middle run, or the mean of the two middle ones) and range of one figure. */
export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: NaN, min: NaN, max: NaN, runs: 0 };
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/** Each named figure's spread over runs (a figure missing from a run is left out of it). */
export function spreadsOf(runs: readonly Record<string, number>[]): Record<string, Spread> {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r)))];
  return Object.fromEntries(
    names.map((name) => [name, spreadOf(runs.map((r) => r[name]).filter((v) => v !== undefined))]),
  );
}

/** `median (min-max)`, or the one value when there was one run. */
export function formatSpread(s: Spread | undefined, digits = 0, unit = ''): string {
  if (!s || s.runs === 0) return 'n/a';
  const f = (v: number) =>
    v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return s.runs === 1 || s.min === s.max
    ? `${f(s.median)}${unit}`
    : `${f(s.median)}${unit} (${f(s.min)}-${f(s.max)})`;
}
