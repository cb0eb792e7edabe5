import { VALUE_OPTIONS, parseCommandLine } from './command-line';

describe('the CLI command line', () => {
  it('reads the README commands: values after their options, words as the command', () => {
    const produce = parseCommandLine([
      'produce',
      '--type',
      'order.created',
      '--tenant',
      'ten_1',
      '--data',
      '{"total":42}',
    ]);
    expect(produce.positionals).toEqual(['produce']);
    expect(produce.values).toMatchObject({
      type: 'order.created',
      tenant: 'ten_1',
      data: '{"total":42}',
    });
    const create = parseCommandLine([
      'subscription',
      'create',
      '--url',
      'http://localhost:4000/fail',
      '--event-types',
      'order.*',
      '--retry-delays',
      '0s,1s,2s',
      '--max-attempts',
      '3',
    ]);
    expect(create.positionals).toEqual(['subscription', 'create']);
    expect(create.values['retry-delays']).toBe('0s,1s,2s');
    expect(create.values['max-attempts']).toBe('3');
  });

  it('takes every value option in both spellings and keeps flags boolean', () => {
    for (const name of VALUE_OPTIONS) {
      expect(parseCommandLine(['x', `--${name}`, 'v']).values[name]).toBe('v');
      expect(parseCommandLine(['x', `--${name}=v`]).values[name]).toBe('v');
    }
    const follow = parseCommandLine(['deliveries', '--follow', '--read-only']);
    expect(follow.positionals).toEqual(['deliveries']);
    expect(follow.values).toMatchObject({ follow: true, 'read-only': true });
  });
});
