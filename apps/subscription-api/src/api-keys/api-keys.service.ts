import { Injectable } from '@nestjs/common';
import { ApiKeyScope, ApiKeyStore } from '@herald/persistence';
import { ApiKeyAuthenticator } from '../auth/api-key-authenticator';
import { invalidField, notFound } from '../http/problem';
import { apiKeyView } from './api-key-view';

export interface ApiKeyInput {
  name?: string;
  scope?: ApiKeyScope;
  expiresAt?: string | null;
}

/** The API key use-cases: issue (value shown once), list, rename, revoke. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeyStore,
    private readonly authenticator: ApiKeyAuthenticator,
  ) {}

  async issue(tenantId: string, input: ApiKeyInput, now = new Date()) {
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= now.getTime()) {
      throw invalidField('expiresAt', 'must be in the future');
    }
    const { key, plain } = await this.keys.issue(
      tenantId,
      { name: input.name ?? 'default', scope: input.scope ?? 'manage', expiresAt },
      now,
    );
    return { ...apiKeyView(key, now), key: plain };
  }

  async list(tenantId: string) {
    const now = new Date();
    return { items: (await this.keys.listByTenant(tenantId)).map((k) => apiKeyView(k, now)) };
  }

  async rename(tenantId: string, id: string, name: string) {
    const key = await this.keys.rename(tenantId, id, name);
    if (!key) throw notFound(`API key ${id}`);
    return apiKeyView(key);
  }

  /** Revokes (of `tenantId` only, unless the admin asks): refused here at once, elsewhere within the cache TTL. */
  async revoke(id: string, tenantId: string | undefined): Promise<void> {
    if (!(await this.keys.revoke(id, tenantId))) throw notFound(`API key ${id}`);
    this.authenticator.forgetKey(id);
  }
}
