export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
}

/** Collects latency samples (ms) and reports percentiles. Exact: keeps every sample. */
export class LatencySamples {
  private readonly samples: number[] = [];

  add(ms: number): void {
    this.samples.push(ms);
  }

  get count(): number {
    return this.samples.length;
  }

  percentile(p: number): number {
    if (this.samples.length === 0) return Number.NaN;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const index = Math.min(
      sorted.length - 1,
      Math.max(0, Math.ceil((p * sorted.length) / 100 - 1e-9) - 1),
    );
    return sorted[index];
  }

  summary(): LatencySummary {
    return {
      count: this.count,
      p50: round(this.percentile(50)),
      p99: round(this.percentile(99)),
      p999: round(this.percentile(99.9)),
      max: round(this.percentile(100)),
    };
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
