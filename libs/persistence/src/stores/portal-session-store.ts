import { randomBytes } from 'crypto';
import { DataSource } from 'typeorm';
import { PortalSessionEntity } from '../entities/portal-session.entity';
import { hashApiKey } from './api-key-store';
import { revokeLive } from './revocation';

/** Portal session tokens: `hps_` + 32 random bytes (base64url). */
export const PORTAL_TOKEN_PREFIX = 'hps_';

export interface PortalSessionOptions {
  readOnly: boolean;
  /** null = every subscription of the tenant. */
  subscriptionIds: readonly string[] | null;
  expiresAt: Date;
}

/** Who a live portal token speaks for, and what it is limited to. */
export interface PortalPrincipal {
  tenantId: string;
  sessionId: string;
  readOnly: boolean;
  subscriptionIds: readonly string[] | null;
  expiresAt: Date;
}

/** Portal sessions. Only the SHA-256 of a token is stored (256 bits of entropy). */
export class PortalSessionStore {
  constructor(private readonly dataSource: DataSource) {}

  async issue(
    tenantId: string,
    options: PortalSessionOptions,
    now: Date = new Date(),
  ): Promise<{ session: PortalSessionEntity; plain: string }> {
    const plain = `${PORTAL_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const session = new PortalSessionEntity();
    session.id = `ps_${randomBytes(8).toString('hex')}`;
    session.tenantId = tenantId;
    session.tokenHash = hashApiKey(plain);
    session.readOnly = options.readOnly;
    session.subscriptionIds = options.subscriptionIds ? [...options.subscriptionIds] : null;
    session.createdAt = now;
    session.expiresAt = options.expiresAt;
    session.revokedAt = null;
    await this.dataSource.getRepository(PortalSessionEntity).insert(session);
    return { session, plain };
  }

  /** The principal of a live token (not revoked, not expired at `now`), or undefined. */
  async authenticate(plain: string, now: Date = new Date()): Promise<PortalPrincipal | undefined> {
    if (!plain.startsWith(PORTAL_TOKEN_PREFIX)) return undefined;
    const rows: {
      id: string;
      tenant_id: string;
      read_only: boolean;
      subscription_ids: string[] | null;
      expires_at: Date;
    }[] = await this.dataSource.query(
      `SELECT id, tenant_id, read_only, subscription_ids, expires_at FROM portal_sessions
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2`,
      [hashApiKey(plain), now],
    );
    const row = rows[0];
    return row
      ? {
          tenantId: row.tenant_id,
          sessionId: row.id,
          readOnly: row.read_only,
          subscriptionIds: row.subscription_ids,
          expiresAt: row.expires_at,
        }
      : undefined;
  }

  /** Revokes a live session, of `tenantId` only when given. False when there is none. */
  async revoke(id: string, tenantId?: string, now: Date = new Date()): Promise<boolean> {
    return revokeLive(this.dataSource, PortalSessionEntity, id, tenantId, now);
  }
}
