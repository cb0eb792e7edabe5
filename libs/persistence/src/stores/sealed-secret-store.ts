import { DataSource } from 'typeorm';

/** How the stored signing secrets are sealed: per key id, a count and one sample. */
export interface SealingUsage {
  /** Key id of the sealed values; null for plain-text secrets stored before sealing. */
  keyId: string | null;
  count: number;
  /** One sealed value of this key (null for plain text: never read out). */
  sample: string | null;
}

/**
 * The sealing of `subscriptions.signing_secrets` as a whole: which keys seal them (start-up
 * checks) and which subscriptions still hold a secret not sealed with the current key (the
 * reseal after a key rotation, or plain text from before sealing existed).
 */
export class SealedSecretStore {
  constructor(private readonly dataSource: DataSource) {}

  async usage(): Promise<SealingUsage[]> {
    const rows: { key_id: string | null; n: string; sample: string | null }[] =
      await this.dataSource.query(
        `SELECT CASE WHEN e ? 'sealed' THEN split_part(e->>'sealed', ':', 2) END AS key_id,
                count(*) AS n,
                min(e->>'sealed') AS sample
           FROM subscriptions, jsonb_array_elements(signing_secrets) e
          GROUP BY 1 ORDER BY 1 NULLS FIRST`,
      );
    return rows.map((r) => ({ keyId: r.key_id, count: Number(r.n), sample: r.sample }));
  }

  /**
   * Up to `limit` subscriptions (after `afterId`, in id order) with a secret that is not sealed
   * with `keyId`.
   */
  async notSealedWith(
    keyId: string,
    afterId: string,
    limit: number,
  ): Promise<{ tenantId: string; id: string }[]> {
    const prefix = `hsk1:${keyId}:`;
    const rows: { tenant_id: string; id: string }[] = await this.dataSource.query(
      `SELECT tenant_id, id FROM subscriptions s
        WHERE id > $2 AND EXISTS (
          SELECT 1 FROM jsonb_array_elements(s.signing_secrets) e
           WHERE left(coalesce(e->>'sealed', ''), length($1)) <> $1)
        ORDER BY id LIMIT $3`,
      [prefix, afterId, limit],
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, id: r.id }));
  }
}
