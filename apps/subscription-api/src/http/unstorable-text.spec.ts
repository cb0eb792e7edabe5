import { printableKey, unstorableText } from '@herald/contracts';
import { unstorableTextIssues } from './unstorable-text';

describe('unstorable text', () => {
  it.each([
    ['a\u0000b', /NUL/],
    ['\ud800', /surrogate/],
    ['x\udc00', /surrogate/],
    ['\udc00\ud800', /surrogate/],
  ])('refuses %j', (text, reason) => {
    expect(unstorableText(text)).toMatch(reason);
  });

  it.each(['', 'plain', '\ud83d\ude00 emoji', '\u202e RTL override', 'tab\tand\nnewline', 'é€'])(
    'accepts %j',
    (text) => {
      expect(unstorableText(text)).toBeNull();
    },
  );

  it('names every offending value and key by its path, keys shown escaped', () => {
    expect(
      unstorableTextIssues({ a: ['ok', 'x\u0000'], 'b\u0000': 1, c: { d: '\ud800' } }, ''),
    ).toEqual([
      { field: 'a.1', message: expect.stringMatching(/NUL/) },
      { field: 'b\\u0000', message: expect.stringMatching(/field name.*NUL/) },
      { field: 'c.d', message: expect.stringMatching(/surrogate/) },
    ]);
    expect(printableKey('a\u0001\ud800')).toBe('a\\u0001\\ud800');
  });
});
