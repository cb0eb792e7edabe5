import { ConfigError, loadConfig, redactConfig } from './load-config';
import { subscriptionApiSchema } from './services/subscription-api.config';
import { bool, int, secretsKeys, str } from './variable';

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

  describe('HERALD_SECRETS_KEYS (id:base64key, ...)', () => {
    const keys = { KEYS: secretsKeys({ description: 'keys', sensitive: true }) };
    const k1 = Buffer.alloc(32, 1).toString('base64');
    const k2 = Buffer.alloc(32, 2).toString('base64url');

    it('parses ids and 32-byte keys in order (the first one seals)', () => {
      const { KEYS } = loadConfig(keys, { KEYS: `new:${k2}, old:${k1}` });
      expect(KEYS.map((k) => k.id)).toEqual(['new', 'old']);
      expect(KEYS[1].key.equals(Buffer.alloc(32, 1))).toBe(true);
    });

    it.each([
      ['', /at least one/],
      [k1, /entry 1 must be id:base64key/],
      [`a b:${k1}`, /entry 1 must be id:base64key/],
      [`k1:${Buffer.alloc(16).toString('base64')}`, /key "k1" must be 32 bytes/],
      [`k1:not base64!`, /key "k1" must be 32 bytes/],
      [`k1:${k1},k1:${k2}`, /"k1" appears twice/],
    ])('refuses %j with a reason that quotes no key material', (raw, reason) => {
      let message = '';
      try {
        loadConfig(keys, { KEYS: raw });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(reason);
      expect(message).not.toContain(k1);
      expect(message).not.toContain(k2);
    });
  });
});
