import { ConfigError, loadConfig, redactConfig } from './load-config';
import { subscriptionApiSchema } from './services/subscription-api.config';
import { bool, int, str } from './variable';

describe('loadConfig', () => {
  const schema = {
    PORT: int({ description: 'port', default: '3000', min: 0, max: 65535 }),
    FLAG: bool({ description: 'flag', default: 'false' }),
    TOKEN: str({ description: 'a secret', sensitive: true }),
  };

  it('applies defaults and parses types', () => {
    expect(loadConfig(schema, { TOKEN: 'x', FLAG: 'yes' })).toEqual({
      PORT: 3000,
      FLAG: true,
      TOKEN: 'x',
    });
  });

  it('names every invalid variable at once', () => {
    expect(() => loadConfig(schema, { PORT: 'eighty', FLAG: 'maybe' })).toThrow(ConfigError);
    try {
      loadConfig(schema, { PORT: 'eighty', FLAG: 'maybe' });
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toMatch(/PORT is invalid \(must be an integer, got "eighty"\)/);
      expect(message).toMatch(/FLAG is invalid/);
      expect(message).toMatch(/TOKEN is required/);
    }
  });

  it('never echoes a sensitive value', () => {
    const url = { DATABASE_URL: 'mysql://root:hunter2@db/x' };
    expect(() => loadConfig(subscriptionApiSchema, url)).toThrow(/DATABASE_URL is invalid/);
    try {
      loadConfig(subscriptionApiSchema, url);
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('masks secrets when printing', () => {
    const config = loadConfig(schema, { TOKEN: 'hunter2' });
    expect(redactConfig(schema, config)).toEqual({ PORT: 3000, FLAG: false, TOKEN: '***' });
  });

  it('rejects out-of-range ports', () => {
    expect(() => loadConfig(subscriptionApiSchema, { HERALD_API_PORT: '70000' })).toThrow(
      /HERALD_API_PORT/,
    );
  });
});
