import { parseEventTypePattern } from './event-type-pattern';
import { PatternBuckets } from './pattern-buckets';

const pattern = parseEventTypePattern;

describe('PatternBuckets', () => {
  it('resolves a type to its exact bucket plus every fitting wildcard bucket, each entry once', () => {
    const audience = new PatternBuckets<string>();
    audience.add(pattern('order.created'), 'exact');
    audience.add(pattern('order.*'), 'domain');
    audience.add(pattern('*.created'), 'verb');
    audience.add(pattern('*'), 'everything');
    audience.add(pattern('order.created'), 'both');
    audience.add(pattern('*.created'), 'both');
    audience.add(pattern('product.*'), 'other');

    expect([...audience.resolve('order.created')].sort()).toEqual([
      'both',
      'domain',
      'everything',
      'exact',
      'verb',
    ]);
    expect(audience.resolve('invoice.paid')).toEqual(['everything']);
  });

  it('answers from its current patterns after one is added or removed', () => {
    const audience = new PatternBuckets<string>();
    audience.add(pattern('order.created'), 'a');
    expect(audience.resolve('order.created')).toEqual(['a']);

    audience.add(pattern('order.*'), 'b');
    expect(audience.resolve('order.created')).toEqual(['a', 'b']);

    audience.remove(pattern('order.created'), 'a');
    expect(audience.resolve('order.created')).toEqual(['b']);
    audience.remove(pattern('order.*'), 'b');
    expect(audience.resolve('order.created')).toEqual([]);
    expect(audience.isEmpty).toBe(true);
  });

  it('removes one filing of an entry and keeps its others', () => {
    const audience = new PatternBuckets<string>();
    audience.add(pattern('order.created'), 'a');
    audience.add(pattern('order.created'), 'b');
    audience.remove(pattern('order.created'), 'a');
    audience.remove(pattern('order.created'), 'missing');
    expect(audience.resolve('order.created')).toEqual(['b']);
    expect(audience.isEmpty).toBe(false);
  });
});
