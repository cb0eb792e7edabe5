import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** A page of a keyset-paginated list; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Where a page ended: the last row's time (microseconds, ISO 8601 UTC) and unique id. */
export interface CursorPosition {
  at: string;
  id: string;
}

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not one this API returned');
    this.name = 'InvalidCursorError';
  }
}

/** The order a list is paged in: by `time` then `id`, or by `id` alone. */
export interface KeysetOrder {
  /** The timestamp column ordered by first (`d.created_at`); omitted, the list pages by `id`. */
  time?: string;
  /** The column that is unique within the list and breaks ties (`d.id`, `e.name`). */
  id: string;
  direction: 'ASC' | 'DESC';
  /** What an id in a cursor may look like (say, digits for a bigint column). */
  idPattern?: RegExp;
}

/** The raw columns a keyset query selects besides the rows, to build the next cursor from. */
export interface KeysetColumns {
  keyset_at?: string | null;
  keyset_id: string | number;
}

const MAX_CURSOR_LENGTH = 1024;
const MAX_ID_LENGTH = 256;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const ISO_TIME = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;
const EPOCH = '1970-01-01T00:00:00.000000Z';

/** Opaque cursors: base64url of the last row's [time, id], or of [id] where the list pages by id. */
export function encodeCursor(position: CursorPosition | { id: string }): string {
  const value = 'at' in position ? [position.at, position.id] : [position.id];
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function isTime(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_TIME.test(value)) return false;
  const parsed = new Date(value);
  // Date.parse takes 2026-02-31; PostgreSQL does not, so the calendar date must round-trip.
  return (
    !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 19) === value.slice(0, 19)
  );
}

function isId(value: unknown, pattern: RegExp | undefined): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) return false;
  // PostgreSQL refuses NUL in text, and no id Herald issues holds a control character.
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) < 0x20) return false;
  return pattern === undefined || pattern.test(value);
}

/**
 * The position a cursor names, or InvalidCursorError (a 400 problem naming `cursor`) for
 * anything that is not one this API returned. A forged cursor that decodes is only another
 * position in the caller's own list: every query is scoped by tenant before the keyset.
 */
export function decodeCursor(
  cursor: string,
  order: Pick<KeysetOrder, 'time' | 'idPattern'> = { time: 'time' },
): CursorPosition {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) {
    throw new InvalidCursorError();
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(value)) throw new InvalidCursorError();
  if (order.time === undefined) {
    // Pages by id alone; [time, id] is what such cursors held before 2026-12-03.
    const id: unknown = value.length === 1 ? value[0] : value.length === 2 ? value[1] : undefined;
    if (isId(id, order.idPattern)) return { at: EPOCH, id };
  } else if (value.length === 2 && isTime(value[0]) && isId(value[1], order.idPattern)) {
    return { at: value[0], id: value[1] };
  }
  throw new InvalidCursorError();
}

/**
 * The page of a keyset query that fetched `limit + 1` rows in order: the first `limit`, and a
 * cursor at the last of them when the extra row shows there is more.
 */
export function pageOf<T>(
  rows: readonly T[],
  limit: number,
  positionOf: (row: T) => CursorPosition | { id: string },
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null,
  };
}

/**
 * One keyset-paginated order: the cursor, the `WHERE (time, id) < (…)` condition, the
 * `ORDER BY` and the cut of the page, for raw SQL (`$n`) and for TypeORM query builders.
 * The cursor carries the time column to the microsecond, as PostgreSQL stores it, so no row
 * is skipped or repeated when rows share a millisecond.
 */
export class Keyset {
  constructor(readonly order: KeysetOrder) {}

  /** The cursor's position, validated; undefined for the first page. */
  after(cursor: string | undefined): CursorPosition | undefined {
    return cursor === undefined || cursor === '' ? undefined : decodeCursor(cursor, this.order);
  }

  /** `(time, id) < ($n::timestamptz, $m)` (or `>` ascending), the values pushed onto `params`. */
  where(position: CursorPosition, params: unknown[]): string {
    const op = this.order.direction === 'DESC' ? '<' : '>';
    params.push(position.id);
    const id = `$${params.length}`;
    if (this.order.time === undefined) return `${this.order.id} ${op} ${id}`;
    params.push(position.at);
    return `(${this.order.time}, ${this.order.id}) ${op} ($${params.length}::timestamptz, ${id})`;
  }

  /** `time DESC, id DESC`. */
  orderBy(): string {
    const { time, id, direction } = this.order;
    return time === undefined ? `${id} ${direction}` : `${time} ${direction}, ${id} ${direction}`;
  }

  /** The select-list entries that carry the cursor: `keyset_at` and `keyset_id`. */
  columns(): string {
    const at = this.order.time === undefined ? '' : `${this.timeText()} AS keyset_at, `;
    return `${at}${this.idText()} AS keyset_id`;
  }

  /** The page of raw rows (with `columns()`) fetched with LIMIT `limit + 1`, mapped to items. */
  page<R extends KeysetColumns, T>(rows: readonly R[], limit: number, map: (row: R) => T): Page<T> {
    const page = pageOf(rows, limit, (row) => this.positionOf(row));
    return { items: page.items.map(map), nextCursor: page.nextCursor };
  }

  /** Adds the keyset's condition, order and limit to `qb` and reads one page of entities. */
  async pageOf<E extends ObjectLiteral>(
    qb: SelectQueryBuilder<E>,
    query: { cursor?: string; limit: number },
  ): Promise<Page<E>> {
    const after = this.after(query.cursor);
    if (after) {
      const params: unknown[] = [];
      const condition = this.where(after, params).replace(/\$(\d+)/g, (_, n) => `:keyset${n}`);
      qb.andWhere(condition, Object.fromEntries(params.map((v, i) => [`keyset${i + 1}`, v])));
    }
    if (this.order.time !== undefined) {
      qb.addSelect(this.timeText(), 'keyset_at');
      qb.orderBy(this.order.time, this.order.direction);
      qb.addOrderBy(this.order.id, this.order.direction);
    } else {
      qb.orderBy(this.order.id, this.order.direction);
    }
    // An expression, not the column: TypeORM would move the entity's own id to the alias.
    qb.addSelect(this.idText(), 'keyset_id').limit(query.limit + 1);
    // No joins: one raw row per entity, in the same order.
    const { raw, entities } = await qb.getRawAndEntities<KeysetColumns>();
    const page = pageOf(raw, query.limit, (row) => this.positionOf(row));
    return { items: entities.slice(0, page.items.length), nextCursor: page.nextCursor };
  }

  private positionOf(row: KeysetColumns): CursorPosition | { id: string } {
    const id = String(row.keyset_id);
    return this.order.time === undefined ? { id } : { at: String(row.keyset_at), id };
  }

  private idText(): string {
    return `${this.order.id}::text`;
  }

  private timeText(): string {
    return `to_char(${this.order.time} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  }
}
