import { parseEventTypePattern } from './event-type-pattern';
import { PatternBuckets } from './pattern-buckets';

const pattern = parseEventTypePattern;

function buckets(): PatternBuckets<string, string[]> {
  return new PatternBuckets((entries) => [...entries].sort());
}

describe('PatternBuckets', () => {
  it('resolves a type to its exact bucket plus every fitting wildcard bucket, each entry once', () => {
    const audience = buckets();
    audience.add(pattern('order.created'), 'exact');
    audience.add(pattern('order.*'), 'domain');
    audience.add(pattern('*.created'), 'verb');
    audience.add(pattern('*'), 'everything');
    audience.add(pattern('order.created'), 'both');
    audience.add(pattern('*.created'), 'both');
    audience.add(pattern('product.*'), 'other');

    expect(audience.candidates('order.created')).toEqual([
      'both',
      'domain',
      'everything',
      'exact',
      'verb',
    ]);
    expect(audience.candidates('invoice.paid')).toEqual(['everything']);
  });

  it('forgets resolved lists when a pattern is added or removed', () => {
    const audience = buckets();
    audience.add(pattern('order.created'), 'a');
    expect(audience.candidates('order.created')).toEqual(['a']);

    audience.add(pattern('order.*'), 'b');
    expect(audience.candidates('order.created')).toEqual(['a', 'b']);

    audience.remove(pattern('order.created'), 'a');
    expect(audience.candidates('order.created')).toEqual(['b']);
    audience.remove(pattern('order.*'), 'b');
    expect(audience.candidates('order.created')).toEqual([]);
    expect(audience.isEmpty).toBe(true);
  });

  it('keeps answering correctly past its bound on remembered types', () => {
    const audience = buckets();
    audience.add(pattern('*.created'), 'verb');
    for (let i = 0; i < 2_500; i++) {
      expect(audience.candidates(`type${i}.created`)).toEqual(['verb']);
    }
    expect(audience.candidates('type0.created')).toEqual(['verb']);
  });
});
