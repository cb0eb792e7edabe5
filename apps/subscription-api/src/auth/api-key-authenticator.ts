import { ApiKeyStore, Principal, hashApiKey } from '@herald/persistence';

/**
 * Verifies tenant API keys, remembering verified ones (by hash, never the plain key) for at
 * most `ttlMs`, and never past the key's expiry, so the hot path does not query the database
 * per request. A key revoked through this instance is forgotten at once; other instances
 * refuse it within `ttlMs` (`HERALD_API_KEY_CACHE_MS`).
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
    const now = this.now();
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) return cached.principal;
    const principal = await this.keys.authenticate(plain, new Date(now));
    if (principal && this.ttlMs > 0) {
      if (this.cache.size >= this.maxEntries) this.cache.clear();
      const expiry = principal.expiresAt ? principal.expiresAt.getTime() : Infinity;
      this.cache.set(hash, { principal, until: Math.min(now + this.ttlMs, expiry) });
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
