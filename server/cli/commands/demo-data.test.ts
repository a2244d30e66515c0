import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { productDoc } from '../../catalogue/product-rows';
import { CENTRE_LOCATION_ID } from '../../db/seed-demo';
import { exploreSales } from '../../reports/explorer-queries';
import { reportDb } from '../../reports/report-db';
import { scopedBranches } from '../../reports/report-scope';
import { reachableTestDatabases, type TestDatabase } from '../../test/databases';
import { useTestServer } from '../../test/use-test-server';
import { makeDemoChain } from './demo-data';

describe.each(reachableTestDatabases)('demo chain on $label', (database: TestDatabase) => {
  const { server } = useTestServer(database);

  it('makes 5 branches of sales through the ingest, every figure agreeing with the ledger, and items of each kind', async () => {
    const now = new Date();
    const made = await makeDemoChain(server.db, { days: 10, ticketsPerDay: 40, products: 300, seed: 7, now });
    expect(made.tickets).toBeGreaterThan(1500);
    const db = server.db;
    const count = async (table: 'sales' | 'products' | 'branches' | 'shift_events' | 'transfers' | 'stock_counts') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('sales')).toBe(made.tickets);
    expect(await count('branches')).toBe(5);
    expect(await count('products')).toBeGreaterThanOrEqual(300);
    expect(await count('shift_events')).toBeGreaterThan(0);
    expect(await count('transfers')).toBeGreaterThan(0);
    expect(await count('stock_counts')).toBeGreaterThan(0);

    const kinds = (await db.selectFrom('reconciliation_items').select('kind').groupBy('kind').execute()).map(
      (r) => r.kind,
    );
    for (const kind of ['oversell', 'price_mismatch', 'count_discrepancy', 'double_refund', 'transfer_discrepancy'])
      expect(kinds).toContain(kind);

    // The explorer's chain total equals the ledger's own sum of tickets (sales minus refunds).
    const rdb = reportDb(db);
    const admin = { id: 'a', name: 'A', email: 'a@x', role: 'admin' as const, branchIds: 'all' as const };
    const branches = await scopedBranches(rdb, admin);
    const explored = await exploreSales(
      rdb,
      { from: '2000-01-01', to: '2100-01-01', groupBy: 'branch', refundsOnly: false },
      branches,
    );
    const ledger = await sql<{
      total: number;
    }>`select sum(case when kind = 'refund' then -total_cents else total_cents end) as total from sales`.execute(db);
    expect(explored.totals.totalCents).toBe(Number(ledger.rows[0]!.total));
    expect(explored.rows).toHaveLength(5);

    // The bulk-written products are stored as the console stores a new one: the row, its barcode, a
    // revision holding the same document and the first price, each product at a sequence of its own.
    const demo = await db.selectFrom('products').selectAll().where('sku', 'like', 'DEMO-%').orderBy('sku').execute();
    expect(demo).toHaveLength(300);
    expect(new Set(demo.map((p) => Number(p.seq))).size).toBe(300);
    const revisions = new Map(
      (await db.selectFrom('product_revisions').select(['product_id', 'seq', 'doc']).execute()).map((r) => [
        r.product_id,
        r,
      ]),
    );
    const prices = await db.selectFrom('product_prices').select(['product_id', 'price_cents', 'seq']).execute();
    const barcodes = await db.selectFrom('product_barcodes').select(['product_id', 'barcode', 'position']).execute();
    for (const row of demo) {
      const revision = revisions.get(row.id);
      expect(JSON.parse(revision!.doc)).toEqual(productDoc(row));
      expect(Number(revision!.seq)).toBe(Number(row.seq));
      expect(prices.filter((p) => p.product_id === row.id).map((p) => [Number(p.price_cents), Number(p.seq)])).toEqual([
        [Number(row.price_cents), Number(row.seq)],
      ]);
      expect(barcodes.filter((b) => b.product_id === row.id).map((b) => [b.barcode, Number(b.position)])).toEqual([
        [row.barcode, 0],
      ]);
    }
    // The opening stock: one receipt movement per product at the centre, at one sequence per 500 lines.
    const opening = await db
      .selectFrom('stock_movements')
      .select(['seq', 'reason'])
      .where('location_id', '=', CENTRE_LOCATION_ID)
      .where('kind', '=', 'receipt')
      .execute();
    expect(opening).toHaveLength(300);
    expect(new Set(opening.map((m) => m.reason))).toEqual(new Set(['received: Inventario inicial']));
    expect(new Set(opening.map((m) => Number(m.seq))).size).toBe(1);

    // Stock is a ledger: every level equals the sum of its movements.
    const drift = await sql<{ n: number }>`
      select count(*) as n from stock_levels l
      where l.quantity <> (select coalesce(sum(m.delta), 0) from stock_movements m
                           where m.location_id = l.location_id and m.product_id = l.product_id)`.execute(db);
    expect(Number(drift.rows[0]!.n)).toBe(0);
    const centre = await db
      .selectFrom('stock_levels')
      .select('quantity')
      .where('location_id', '=', CENTRE_LOCATION_ID)
      .limit(1)
      .execute();
    expect(centre.length).toBe(1);
  }, 180_000);
});
