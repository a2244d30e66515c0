import { describe, expect, it } from 'vitest';
import { productsQuery } from '../catalogue/console-products';
import { useSqlitePlans } from '../test/sqlite-plans';
import { levelsPageQuery, lowStockQuery, movementsNewestFirstQuery } from './stock-queries';

/**
 * The console's new catalogue and stock filters seek in an index instead of scanning and sorting.
 * SQLite picks plans by rule (no statistics), so this is the server's plan; PostgreSQL has the
 * same indexes (migrations 0001 and 0012).
 */
describe('console catalogue and stock queries use their indexes on SQLite', () => {
  const { db, explain } = useSqlitePlans();

  it('a category walks products_category_name in page order', async () => {
    const detail = await explain(
      productsQuery(db(), { query: '', category: 'Frutas', includeDeleted: '0', limit: 50 }),
    );
    expect(detail).toContain('USING INDEX products_category_name (category=?');
    expect(detail).not.toContain('TEMP B-TREE');
  });

  it("stock as of a moment reads the location's newest movements back from stock_movements_location_seq", async () => {
    const detail = await explain(movementsNewestFirstQuery(db(), 'central', { seq: 90, id: 'x' }));
    expect(detail).toContain('USING INDEX stock_movements_location_seq (location_id=?');
    expect(detail).not.toContain('TEMP B-TREE');
    const levels = await explain(
      levelsPageQuery(db(), { locationId: 'central', at: '2026-01-01T00:00:00Z', limit: 50, cursor: 'p-1' }),
    );
    expect(levels).toContain('USING INDEX sqlite_autoindex_stock_levels_1 (location_id=? AND product_id>?)');
    expect(levels).not.toContain('TEMP B-TREE');
  });

  it('low stock walks the reorder rules by product and looks each level up by its key', async () => {
    const detail = await explain(lowStockQuery(db(), { locationId: 'central', limit: 50, cursor: 'p-1' }));
    expect(detail).toMatch(/SEARCH r USING INDEX sqlite_autoindex_product_stock_rules_1 \(product_id>\?\)/);
    expect(detail).toMatch(/SEARCH l USING INDEX sqlite_autoindex_stock_levels_1 \(location_id=\? AND product_id=\?\)/);
    expect(detail).not.toContain('TEMP B-TREE');
  });
});
