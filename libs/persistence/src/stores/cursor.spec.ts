import fc from 'fast-check';
import { InvalidCursorError, Keyset, decodeCursor, encodeCursor, pageOf } from './cursor';

const byTime = new Keyset({ time: 'd.created_at', id: 'd.id', direction: 'DESC' });
const byId = new Keyset({ id: 'e.name', direction: 'ASC' });
const bySequence = new Keyset({ id: 'c.id', direction: 'DESC', idPattern: /^\d{1,18}$/ });

const hasControl = (s: string) => [...s].some((c) => c.charCodeAt(0) < 0x20);

/** Times PostgreSQL stores: microseconds, years 1000 to 9999. */
const time = fc
  .tuple(
    fc.date({
      min: new Date('1000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([d, micros]) => `${d.toISOString().slice(0, 23)}${String(micros).padStart(3, '0')}Z`);
const id = fc.string({ minLength: 1, maxLength: 64 }).filter((s) => !hasControl(s));

function refusal(run: () => unknown): unknown {
  try {
    run();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('keyset cursors', () => {
  it('decode to the position they were encoded from', () => {
    fc.assert(
      fc.property(time, id, (at, rowId) => {
        expect(byTime.after(encodeCursor({ at, id: rowId }))).toEqual({ at, id: rowId });
        expect(byId.after(encodeCursor({ id: rowId }))?.id).toBe(rowId);
      }),
    );
  });

  it('refuse any other string with InvalidCursorError and nothing else', () => {
    const garbage = fc.oneof(
      fc.string({ maxLength: 2000 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.base64String({ maxLength: 400 }),
      fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
      fc
        .array(
          fc.oneof(
            fc.string(),
            fc.integer(),
            fc.constant(null),
            fc.constant('2026-02-31T00:00:00Z'),
          ),
          {
            maxLength: 3,
          },
        )
        .map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('base64url')),
    );
    fc.assert(
      fc.property(garbage, (cursor) => {
        for (const keyset of [byTime, byId, bySequence]) {
          const error = refusal(() => keyset.after(cursor));
          if (error !== undefined) {
            expect(error).toBeInstanceOf(InvalidCursorError);
            continue;
          }
          // What decodes is a position PostgreSQL takes: a real calendar time, an id with no
          // control character, digits where the column is a sequence.
          const position = keyset.after(cursor);
          if (position === undefined) continue;
          expect(position.id.length).toBeGreaterThan(0);
          expect(hasControl(position.id)).toBe(false);
          expect(new Date(position.at).toISOString().slice(0, 19)).toBe(position.at.slice(0, 19));
          if (keyset === bySequence) expect(position.id).toMatch(/^\d{1,18}$/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuse calendar dates PostgreSQL would not take, and oversized cursors', () => {
    for (const at of [
      '2026-02-31T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '0000-01-01T00:00:00Z',
      '1',
    ]) {
      expect(() => byTime.after(encodeCursor({ at, id: 'd_1' }))).toThrow(InvalidCursorError);
    }
    expect(() =>
      byTime.after(encodeCursor({ at: '2026-12-03T14:00:00.123456Z', id: 'x'.repeat(2000) })),
    ).toThrow(InvalidCursorError);
    expect(() => bySequence.after(encodeCursor({ id: '1; DROP TABLE x' }))).toThrow(
      InvalidCursorError,
    );
    expect(() =>
      byTime.after(encodeCursor({ at: '2026-12-03T14:00:00Z', id: 'a\u0000b' })),
    ).toThrow(InvalidCursorError);
  });

  it('still read the [time, id] cursors id-paged lists returned before', () => {
    expect(
      byId.after(encodeCursor({ at: '2026-12-01T00:00:00.000Z', id: 'order.created' }))?.id,
    ).toBe('order.created');
    expect(decodeCursor(encodeCursor({ at: '2026-12-01T00:00:00.000Z', id: 'd_1' }))).toEqual({
      at: '2026-12-01T00:00:00.000Z',
      id: 'd_1',
    });
  });
});

describe('keyset SQL', () => {
  it('compares (time, id) against numbered parameters in the order direction', () => {
    const params: unknown[] = ['acme'];
    const position = { at: '2026-12-03T14:00:00.123456Z', id: 'd_9' };
    expect(byTime.where(position, params)).toBe('(d.created_at, d.id) < ($3::timestamptz, $2)');
    expect(params).toEqual(['acme', 'd_9', position.at]);
    expect(byTime.orderBy()).toBe('d.created_at DESC, d.id DESC');
    const ascending = new Keyset({ time: 't.created_at', id: 't.id', direction: 'ASC' });
    expect(ascending.where(position, [])).toBe('(t.created_at, t.id) > ($2::timestamptz, $1)');
    expect(byId.where(position, [])).toBe('e.name > $1');
    expect(byId.orderBy()).toBe('e.name ASC');
    expect(byId.columns()).toBe('e.name::text AS keyset_id');
    expect(byTime.columns()).toMatch(
      /^to_char\(d\.created_at .* AS keyset_at, d\.id::text AS keyset_id$/,
    );
  });

  it('cuts limit + 1 rows into a page whose cursor names its last row', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 21 }),
        (limit, extra) => {
          const n = Math.min(limit + 1, extra);
          const rows = Array.from({ length: n }, (_, i) => ({
            keyset_at: `2026-12-03T14:00:00.${String(i).padStart(6, '0')}Z`,
            keyset_id: `d_${i}`,
          }));
          const page = byTime.page(rows, limit, (r) => r.keyset_id);
          expect(page.items).toEqual(rows.slice(0, limit).map((r) => r.keyset_id));
          if (n <= limit) {
            expect(page.nextCursor).toBeNull();
          } else {
            const last = rows[limit - 1];
            expect(byTime.after(page.nextCursor ?? '')).toEqual({
              at: last.keyset_at,
              id: last.keyset_id,
            });
          }
        },
      ),
    );
    expect(pageOf([1, 2, 3], 2, (n) => ({ id: String(n) })).nextCursor).toBe(
      encodeCursor({ id: '2' }),
    );
  });
});
