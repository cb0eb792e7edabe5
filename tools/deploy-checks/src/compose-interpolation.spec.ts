import { interpolate, interpolateDeep } from './compose-interpolation';

describe('Compose interpolation', () => {
  const env = { SET: 'value', EMPTY: '' };

  it.each([
    ['${SET}', 'value'],
    ['$SET/x', 'value/x'],
    ['${MISSING}', ''],
    ['${MISSING:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${MISSING-fallback}', 'fallback'],
    ['${SET:-fallback}', 'value'],
    ['$$SET', '$SET'],
    ['postgres://u:${MISSING:-pw}@h/${SET}', 'postgres://u:pw@h/value'],
  ])('%s -> %s', (text, expected) => {
    expect(interpolate(text, env)).toBe(expected);
  });

  it('throws for a required variable, with its message', () => {
    expect(() => interpolate('${TOKEN:?set TOKEN}', env)).toThrow(
      'required variable TOKEN is missing a value: set TOKEN',
    );
    expect(() => interpolate('${EMPTY:?needed}', env)).toThrow('EMPTY');
    expect(interpolate('${EMPTY?needed}', env)).toBe('');
  });

  it('interpolates nested values, not keys', () => {
    expect(interpolateDeep({ $SET: ['${SET}', 1, { a: '${MISSING:-d}' }] }, env)).toEqual({
      $SET: ['value', 1, { a: 'd' }],
    });
  });
});
