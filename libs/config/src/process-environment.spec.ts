import { childEnvironment } from './process-environment';

describe('childEnvironment', () => {
  it('passes on PATH and HOME only, under the given variables', () => {
    const env = childEnvironment({ HERALD_LOG_LEVEL: 'warn', HOME: '/srv/herald' });
    expect(env).toEqual({ PATH: process.env.PATH, HOME: '/srv/herald', HERALD_LOG_LEVEL: 'warn' });
    expect(Object.keys(childEnvironment())).toEqual(
      ['PATH', 'HOME'].filter((name) => process.env[name] !== undefined),
    );
  });

  it('inherits only the names asked for, and none that are unset', () => {
    const unset = 'HERALD_SURELY_UNSET_VARIABLE';
    expect(childEnvironment({}, ['PATH', unset])).toEqual({ PATH: process.env.PATH });
  });
});
