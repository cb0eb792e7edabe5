import { LatencySamples } from './latency-histogram';

describe('latency samples', () => {
  it('reports nearest-rank percentiles', () => {
    const samples = new LatencySamples();
    for (let i = 1; i <= 1000; i++) samples.add(i);
    expect(samples.summary()).toEqual({ count: 1000, p50: 500, p99: 990, p999: 999, max: 1000 });
  });

  it('is NaN when empty rather than a made-up zero', () => {
    expect(new LatencySamples().percentile(99)).toBeNaN();
  });
});
