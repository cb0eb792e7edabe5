import { formatSpread, spreadOf, spreadsOf } from './run-summary';

describe('bench run summary', () => {
  it('takes the middle run as the median and keeps the range', () => {
    expect(spreadOf([5, 1, 3, 9, 7])).toEqual({ median: 5, min: 1, max: 9, runs: 5 });
    expect(spreadOf([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, runs: 4 });
    expect(spreadOf([])).toMatchObject({ runs: 0 });
  });

  it('summarises each figure over the runs that have it', () => {
    const s = spreadsOf([{ a: 1, b: 10 }, { a: 3 }, { a: 2, b: 30 }]);
    expect(s.a).toEqual({ median: 2, min: 1, max: 3, runs: 3 });
    expect(s.b).toEqual({ median: 20, min: 10, max: 30, runs: 2 });
  });

  it('prints one value for one run, the median and range for several', () => {
    expect(formatSpread(spreadOf([0.214]), 2)).toBe('0.21');
    expect(formatSpread(spreadOf([1200, 1000, 1500]), 0, ' µs')).toBe('1,200 µs (1,000-1,500)');
    expect(formatSpread(undefined)).toBe('n/a');
  });
});
