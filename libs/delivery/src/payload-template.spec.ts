import {
  DEFAULT_TEMPLATE_LIMITS,
  PayloadTemplateError,
  TemplateLimits,
  compileTemplate,
  evaluateTemplate,
  templateProblem,
} from './payload-template';

const LIMITS: TemplateLimits = { ...DEFAULT_TEMPLATE_LIMITS, timeoutMs: 100 };

async function outcome(source: string, input: unknown = {}, limits = LIMITS) {
  const start = Date.now();
  try {
    const value = await evaluateTemplate(compileTemplate(source, limits), input);
    // JSON, as it is delivered (jsonata's sequences are arrays with extra properties).
    return {
      value: value === undefined ? undefined : JSON.parse(JSON.stringify(value)),
      ms: Date.now() - start,
    };
  } catch (error) {
    expect(error).toBeInstanceOf(PayloadTemplateError);
    return { error: (error as Error).message, ms: Date.now() - start };
  }
}

describe('payload templates within their budget', () => {
  it('ends an infinite recursion at the depth budget with a clear error', async () => {
    // A generous clock, so that the depth budget is what ends it.
    const result = await outcome(
      '($f := function($n){ 1 + $f($n + 1) }; $f(0))',
      {},
      {
        ...LIMITS,
        timeoutMs: 10_000,
      },
    );
    expect(result.error).toMatch(/^payloadTemplate: Stack overflow/);
    expect(result.ms).toBeLessThan(1_000);
  });

  it('ends an endless tail-recursive loop at the time budget', async () => {
    // Tail calls run in constant depth: only the clock stops this one.
    const result = await outcome('($f := function($n){ $f($n + 1) }; $f(0))');
    expect(result.error).toMatch(/^payloadTemplate: Evaluation timeout after 100 milliseconds/);
    expect(result.ms).toBeLessThan(1_000);
  });

  it('ends the recursion of the issue (5.5 s, or never with a larger bound) within the budget', async () => {
    const result = await outcome(
      '($f := function($n){ $n = 0 ? 0 : $f($n - 1) + $f($n - 1) }; $f(40))',
    );
    expect(result.error).toMatch(/timeout|Stack overflow/);
    expect(result.ms).toBeLessThan(1_000);
  });

  it('refuses a sequence longer than the budget', async () => {
    const result = await outcome('$count([1..10000000])');
    expect(result.error).toMatch(/maximum sequence length of 100000/);
  });

  it.each([
    ['$pad("x", 100000000)'],
    ['$pad("x", -2000000, "ab")'],
    ['($s := $pad("x", 600000); $s & $s)'],
  ])('refuses a string larger than the output limit: %s', async (source) => {
    const result = await outcome(source);
    expect(result.error).toMatch(/longer than 1048576 characters/);
    expect(result.ms).toBeLessThan(1_000);
  });

  it('keeps $pad as jsonata writes it', async () => {
    expect((await outcome('$pad("ab", 5)')).value).toBe('ab   ');
    expect((await outcome('$pad("ab", -5, "#")')).value).toBe('###ab');
    expect((await outcome('$pad("ab", 7, "xyz")')).value).toBe('abxyzxy');
    expect((await outcome('$pad("ab", 5, "😀é")')).value).toBe('ab😀é😀');
  });

  it('runs regular expressions on the linear-time engine', async () => {
    const input = { s: `${'a'.repeat(100_000)}!` };
    const result = await outcome('$contains(s, /(a+)+$/)', input);
    expect(result).toMatchObject({ value: false });
    expect(result.ms).toBeLessThan(2_000);
    expect((await outcome('$match("a1b22", /\\d+/).match')).value).toEqual(['1', '22']);
    expect((await outcome('$replace("a1b22", /(\\d)/, "<$1>")')).value).toBe('a<1>b<2><2>');
    expect((await outcome('$split("a, b,c", /,\\s*/)')).value).toEqual(['a', 'b', 'c']);
  });

  it('runs regular expressions built at run time by $eval on the same engine', async () => {
    const input = { s: `${'a'.repeat(100_000)}!`, code: '$contains(s, /(a+)+$/)' };
    const result = await outcome('$eval(code)', input);
    expect(result).toMatchObject({ value: false });
    expect(result.ms).toBeLessThan(2_000);
    const refused = await outcome('$eval(code)', { s: 'ab', code: '$match(s, /(a)\\1/)' });
    expect(refused.error).toMatch(/backreference/);
  });

  it('refuses at compile time a regular expression the engine cannot run', () => {
    expect(templateProblem('$match(s, /(a)\\1/)', LIMITS)).toMatch(/backreference/);
    expect(templateProblem('$contains(s, /(?=x)/)', LIMITS)).toMatch(/lookahead/);
  });

  it('refuses a template source over the length limit', () => {
    expect(templateProblem(`"${'x'.repeat(20_000)}"`, LIMITS)).toBe(
      'is longer than 16384 characters',
    );
  });

  it('accepts ordinary templates', async () => {
    expect(templateProblem('{"code": data.code, "id": id}', LIMITS)).toBeNull();
    expect(
      (
        await outcome('{"total": $sum(data.items.price), "n": $count(data.items)}', {
          data: { items: [{ price: 2 }, { price: 3 }] },
        })
      ).value,
    ).toEqual({ total: 5, n: 2 });
  });
});
