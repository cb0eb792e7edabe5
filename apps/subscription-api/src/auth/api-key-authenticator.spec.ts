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
  const principal = { tenantId: 'acme', keyId: 'key_1' };

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
