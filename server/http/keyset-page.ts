/**
 * A page of a list read with `limit + 1` rows: the first `limit`, and the next page's cursor, made from this
 * page's last row, only when the extra row says there is more.
 */
export function keysetPage<R, C>(
  rows: readonly R[],
  limit: number,
  cursorOf: (last: R) => C,
): { page: R[]; nextCursor: C | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}

/** The cursor of a list in (seq, id) order: `seq.id` (splitCursor in ledger-queries.ts reads it back). */
export const seqIdCursor = (row: { seq: unknown; id: string }): string => `${Number(row.seq)}.${row.id}`;
