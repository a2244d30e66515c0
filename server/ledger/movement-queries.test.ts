import { describe, expect, it } from 'vitest';
import { useSqlitePlans } from '../test/sqlite-plans';
import { movementsNewestFirst, productMovementsInBuckets } from './movement-queries';

/**
 * The ledger's indexes are shaped for ingest (migration 0007-ledger-indexes); these reads must
 * still seek in them rather than read a location's whole history. SQLite picks its plan by rule
 * (no statistics are gathered), so the plan seen here is the one the server gets.
 */
describe('movement queries use their indexes on SQLite', () => {
  const { db, explain } = useSqlitePlans();

  it("a product's history seeks bucket by bucket in stock_movements_product_history", async () => {
    const detail = await explain(
      productMovementsInBuckets(db(), ['sucursal-001'], 'p-1', [40, 39, 38], { seq: 163_000, id: 'x' }, 51),
    );
    expect(detail).toContain(
      'USING INDEX stock_movements_product_history (location_id=? AND <expr>=? AND product_id=? AND seq<?)',
    );
    expect(detail).not.toContain('stock_movements_location_seq');
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
