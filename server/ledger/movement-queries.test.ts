import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useSqlitePlans } from '../test/sqlite-plans';
import { movementsNewestFirst, productHistoryQuery } from './movement-queries';

/**
 * The ledger's indexes are shaped for ingest (migration 0007-ledger-indexes); these reads must
 * still seek in them rather than read a location's whole history. SQLite picks its plan by rule
 * (no statistics are gathered), so the plan seen here is the one the server gets.
 */
describe('movement queries use their indexes on SQLite', () => {
  const { db, explain } = useSqlitePlans();

  it("a product's history follows its chain: a seek on (location, seq) in stock_movements_location_seq a step", async () => {
    const result = await sql<{ detail: string }>`explain query plan ${productHistoryQuery(
      db(),
      'sucursal-001',
      'p-1',
      { seq: 163_000, id: 'x' },
      51,
    )}`.execute(db());
    const detail = result.rows.map((r) => r.detail).join(' | ');
    // The start, the recursive step and the cursor's own check: each an equality seek.
    expect(
      detail.match(/USING (COVERING )?INDEX stock_movements_location_seq \(location_id=\? AND seq=\?\)/g),
    ).toHaveLength(3);
    expect(detail).toMatch(/SEARCH stock_levels USING INDEX \S+ \(location_id=\? AND product_id=\?\)/);
    expect(detail).not.toMatch(/SCAN (m|stock_movements)\b/);
    expect(detail).not.toMatch(/stock_movements_location_seq \(location_id=\?\)/);
  });

  it('one location, newest first, walks stock_movements_location_seq without sorting', async () => {
    const detail = await explain(movementsNewestFirst(db(), ['sucursal-001'], { seq: 90, id: 'x' }, 51));
    expect(detail).toContain('USING INDEX stock_movements_location_seq (location_id=? AND seq<?)');
    expect(detail).not.toContain('TEMP B-TREE');
  });

  it('the whole chain, newest first, walks stock_movements_seq without sorting', async () => {
    const detail = await explain(movementsNewestFirst(db(), 'all', { seq: 90, id: 'x' }, 51));
    expect(detail).toContain('USING INDEX stock_movements_seq (seq<?)');
    expect(detail).not.toContain('TEMP B-TREE');
  });

  it("a sale's refunds are found in the partial refund_of index", async () => {
    const detail = await explain(db().selectFrom('sales').select('id').where('sales.refund_of', '=', 'some-sale'));
    expect(detail).toContain('USING INDEX sales_refund_of');
  });
});
