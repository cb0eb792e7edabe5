import { ApiKeyStore, Principal, hashApiKey } from '@herald/persistence';

/**
 * Verifies tenant API keys, remembering verified ones (by hash, never the plain key) for
 * `ttlMs` so the hot path does not query the database per request. A key revoked through this
 * instance is forgotten at once; other instances forget it within `ttlMs`.
 */
export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
  ) {}

  async authenticate(plain: string): Promise<Principal | undefined> {
    const hash = hashApiKey(plain);
    const cached = this.cache.get(hash);
    if (cached && cached.until > this.now()) return cached.principal;
    const principal = await this.keys.authenticate(plain);
    if (principal && this.ttlMs > 0) {
      if (this.cache.size >= this.maxEntries) this.cache.clear();
      this.cache.set(hash, { principal, until: this.now() + this.ttlMs });
    } else {
      this.cache.delete(hash);
    }
    return principal;
  }

  forgetKey(keyId: string): void {
    for (const [hash, entry] of this.cache) {
      if (entry.principal.keyId === keyId) this.cache.delete(hash);
    }
  }
}
