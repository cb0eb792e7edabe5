/**
 * TypeORM's postgres driver returns `[rows, rowCount]` for UPDATE/DELETE (also with RETURNING)
 * and plain rows otherwise; this gives the rows either way.
 */
export function rowsOf<T>(raw: unknown): T[] {
  if (
    Array.isArray(raw) &&
    raw.length === 2 &&
    Array.isArray(raw[0]) &&
    typeof raw[1] === 'number'
  ) {
    return raw[0] as T[];
  }
  return raw as T[];
}
