import { ApiKeyStore, Principal } from '@herald/persistence';
import { ApiKeyAuthenticator } from './api-key-authenticator';

/** The store's one method the authenticator uses, counting lookups. */
function storeWith(keys: Record<string, Principal>) {
  const store = {
    lookups: 0,
    async authenticate(plain: string) {
      store.lookups++;
      return keys[plain];
    },
  };
  return store;
}

describe('ApiKeyAuthenticator', () => {
  const principal: Principal = {
    tenantId: 'acme',
    keyId: 'key_1',
    scope: 'manage',
    expiresAt: null,
  };

  it('remembers a verified key until the TTL passes (injected clock)', async () => {
    let now = 1_000;
    const store = storeWith({ hk_a: principal });
    const auth = new ApiKeyAuthenticator(store as unknown as ApiKeyStore, 10_000, () => now);
    expect(await auth.authenticate('hk_a')).toEqual(principal);
    expect(await auth.authenticate('hk_a')).toEqual(principal);
    expect(store.lookups).toBe(1);
    now += 10_001;
    expect(await auth.authenticate('hk_a')).toEqual(principal);
    expect(store.lookups).toBe(2);
  });

  it('never remembers a key past its expiry, whatever the TTL', async () => {
    let now = 1_000;
    const expiring = { ...principal, expiresAt: new Date(3_000) };
    const store = {
      lookups: 0,
      async authenticate(_plain: string, at: Date) {
        store.lookups++;
        return at.getTime() < 3_000 ? expiring : undefined;
      },
    };
    const auth = new ApiKeyAuthenticator(store as unknown as ApiKeyStore, 60_000, () => now);
    expect(await auth.authenticate('hk_a')).toEqual(expiring);
    now = 2_999;
    expect(await auth.authenticate('hk_a')).toEqual(expiring);
    expect(store.lookups).toBe(1);
    now = 3_000;
    expect(await auth.authenticate('hk_a')).toBeUndefined();
  });

  it('never remembers an unknown key, and forgets a revoked one at once', async () => {
    const store = storeWith({ hk_a: principal });
    const auth = new ApiKeyAuthenticator(store as unknown as ApiKeyStore, 10_000, () => 0);
    expect(await auth.authenticate('hk_nope')).toBeUndefined();
    expect(await auth.authenticate('hk_nope')).toBeUndefined();
    expect(store.lookups).toBe(2);
    await auth.authenticate('hk_a');
    auth.forgetKey('key_1');
    await auth.authenticate('hk_a');
    expect(store.lookups).toBe(4);
  });
});
