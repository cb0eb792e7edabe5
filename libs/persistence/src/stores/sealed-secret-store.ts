import { DataSource } from 'typeorm';

/** How the stored secrets are sealed: per key id, a count and one sample. */
export interface SealingUsage {
  /** Key id of the sealed values; null for plain-text secrets stored before sealing. */
  keyId: string | null;
  count: number;
  /** One sealed value of this key (null for plain text: never read out). */
  sample: string | null;
}

/** A key scope (`signing_keys.subscription_id`: a subscription id, or '' for the tenant's). */
export interface KeyScope {
  tenantId: string;
  scope: string;
}

/**
 * Every sealed value PostgreSQL holds, one row each: the subscriptions' signing secrets
 * (`sealed`, or plain `secret` from before sealing: `sealed` null), the secret part of their
 * delivery credential (header value, Basic password or OAuth 2.0 client secret), their mutual
 * TLS client key, and the private keys of the signing key pairs (`signing_keys`).
 */
const STORED_SECRETS = `
  SELECT s.id, e->>'sealed' AS sealed
    FROM subscriptions s, jsonb_array_elements(s.signing_secrets) e
  UNION ALL
  SELECT s.id, c.value->>'sealed'
    FROM subscriptions s, jsonb_each(s.delivery_credential) c
   WHERE jsonb_typeof(s.delivery_credential) = 'object'
     AND c.key IN ('value', 'password', 'clientSecret')
     AND jsonb_typeof(c.value) = 'object'
  UNION ALL
  SELECT s.id, s.delivery_tls->'clientKey'->>'sealed'
    FROM subscriptions s
   WHERE jsonb_typeof(s.delivery_tls->'clientKey') = 'object'`;

/**
 * The sealing of every stored secret as a whole: which keys seal them (start-up checks and the
 * reseal report), and which subscriptions and key scopes still hold a value not sealed with the
 * current key (the reseal after a key rotation, or plain text from before sealing existed).
 */
export class SealedSecretStore {
  constructor(private readonly dataSource: DataSource) {}

  async usage(): Promise<SealingUsage[]> {
    const rows: { key_id: string | null; n: string; sample: string | null }[] =
      await this.dataSource.query(
        `SELECT CASE WHEN sealed IS NOT NULL THEN split_part(sealed, ':', 2) END AS key_id,
                count(*) AS n,
                min(sealed) AS sample
           FROM (${STORED_SECRETS}
                 UNION ALL SELECT '', sealed_private_key FROM signing_keys) secrets
          GROUP BY 1 ORDER BY 1 NULLS FIRST`,
      );
    return rows.map((r) => ({ keyId: r.key_id, count: Number(r.n), sample: r.sample }));
  }

  /**
   * Up to `limit` subscriptions (after `afterId`, in id order) with a secret, credential or TLS
   * key that is not sealed with `keyId`.
   */
  async notSealedWith(
    keyId: string,
    afterId: string,
    limit: number,
  ): Promise<{ tenantId: string; id: string }[]> {
    const prefix = `hsk1:${keyId}:`;
    const rows: { tenant_id: string; id: string }[] = await this.dataSource.query(
      `SELECT s.tenant_id, s.id FROM subscriptions s
        WHERE s.id > $2 AND s.id IN (
          SELECT id FROM (${STORED_SECRETS}) secrets
           WHERE left(coalesce(sealed, ''), length($1)) <> $1)
        ORDER BY s.id LIMIT $3`,
      [prefix, afterId, limit],
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, id: r.id }));
  }

  /** Up to `limit` key scopes (after `after`, in order) with a private key not sealed with `keyId`. */
  async keyScopesNotSealedWith(
    keyId: string,
    after: KeyScope | null,
    limit: number,
  ): Promise<KeyScope[]> {
    const prefix = `hsk1:${keyId}:`;
    const rows: { tenant_id: string; subscription_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT tenant_id, subscription_id FROM signing_keys
        WHERE left(sealed_private_key, length($1)) <> $1
          AND (tenant_id, subscription_id) > ($2, $3)
        ORDER BY tenant_id, subscription_id LIMIT $4`,
      [prefix, after?.tenantId ?? '', after?.scope ?? '', limit],
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, scope: r.subscription_id }));
  }
}
