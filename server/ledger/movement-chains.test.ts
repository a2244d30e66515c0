import { randomBytes } from 'node:crypto';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MovementRow, Page } from '../../shared/console/ledger-api';
import { migrateToLatest, openDatabase, type Db } from '../db/database';
import { migrations } from '../db/migrations';
import { CENTRE_LOCATION_ID, DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { makeCount, makeTransferReceipt, pushDocs } from '../test/device-documents';
import { makeSale, pushSales, request, withAdminClient } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';
import { listMovements } from './movement-queries';

/** Each movement's prev_seq as the chain must have it: the product's previous distinct seq at the location. */
async function chainOf(db: Db, locationId: string, productId: string) {
  const rows = await db
    .selectFrom('stock_movements')
    .select(['seq', 'prev_seq'])
    .where('location_id', '=', locationId)
    .where('product_id', '=', productId)
    .orderBy('seq')
    .orderBy('id')
    .execute();
  const actual = rows.map((r) => [Number(r.seq), r.prev_seq === null ? null : Number(r.prev_seq)]);
  const expected: [number, number | null][] = [];
  let last: number | null = null;
  let prev: number | null = null;
  for (const r of rows) {
    const seq = Number(r.seq);
    if (seq !== last) [prev, last] = [last, seq];
    expected.push([seq, prev]);
  }
  return { actual, expected };
}

/** The product's movements in scope, newest first, by a plain scan. */
async function plainHistory(db: Db, productId: string, locationId?: string) {
  let q = db.selectFrom('stock_movements').select('id').where('product_id', '=', productId);
  if (locationId) q = q.where('location_id', '=', locationId);
  return (await q.orderBy('seq', 'desc').orderBy('id', 'desc').execute()).map((r) => r.id);
}

describe.each(reachableTestDatabases)("a product's movement chain on $label", (database: TestDatabase) => {
  const { server, admin, device, products } = useTestServer(database, {
    managers: { admin: 'admin' },
    devices: { device: {} },
    catalogue: true,
  });

  /** Every page of the console's history (limit 2), as ids. */
  const pagedHistory = async (productId: string, locationId?: string) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ productId, limit: '2', ...(locationId ? { locationId } : {}) });
      if (cursor) query.set('cursor', cursor);
      const page: { status: number; body: Page<MovementRow> } = await request<Page<MovementRow>>(
        server.url,
        `/api/console/movements?${query}`,
        { headers: admin.headers() },
      );
      expect(page.status).toBe(200);
      ids.push(...page.body.items.map((m) => m.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    return ids;
  };

  it('links sales of one batch (two lines of a product share a link), a transfer, a count and a receipt; the first has none; pages follow it', async () => {
    const [p, q] = [products[0]!, products[1]!];
    const branch = device.branch.locationId;
    expect(branch).toBe(DEMO_BRANCH_ID);
    const sales = [
      makeSale(device, 1, [
        { product: p, quantity: 1 },
        { product: p, quantity: 2 },
        { product: q, quantity: 1 },
      ]),
      makeSale(device, 2, [{ product: p, quantity: 3 }]),
      // One movement a sequence number: a page's last row is alone at the cursor's.
      ...[3, 4, 5, 6].map((n) => makeSale(device, n, [{ product: q, quantity: 1 }])),
    ];
    expect((await pushSales(server.url, device.token, sales)).body.rejected).toEqual([]);
    const post = (path: string, json: unknown) =>
      request<{ id: string }>(server.url, path, { json, headers: admin.headers() });
    const sent = await post('/api/console/transfers', {
      fromLocationId: CENTRE_LOCATION_ID,
      toLocationId: branch,
      lines: [{ productId: p.id, quantity: 5 }],
      note: 'chain',
    });
    expect(sent.status).toBe(201);
    const arrival = makeTransferReceipt(device, sent.body.id, [{ productId: p.id, quantity: 5 }]);
    expect((await pushDocs(server.url, device.token, 'transferreceipts', [arrival])).body.rejected).toEqual([]);
    expect((await pushDocs(server.url, device.token, 'counts', [makeCount(device, p.id, 3, 1)])).body.rejected).toEqual(
      [],
    );
    // A receipt naming the product twice: two applyMovement calls at one sequence number.
    const receipt = await post('/api/console/receipts', {
      locationId: CENTRE_LOCATION_ID,
      lines: [
        { productId: p.id, quantity: 2 },
        { productId: p.id, quantity: 4 },
      ],
      supplierNote: 'twice',
    });
    expect(receipt.status).toBe(201);

    for (const location of [branch, CENTRE_LOCATION_ID]) {
      const { actual, expected } = await chainOf(server.db, location, p.id);
      expect(actual).toEqual(expected);
      expect(actual[0]![1]).toBeNull();
      expect(new Set(actual.map(([seq]) => seq)).size).toBeLessThan(actual.length); // shared sequence numbers
    }
    const kinds = await server.db
      .selectFrom('stock_movements')
      .select('kind')
      .distinct()
      .where('product_id', '=', p.id)
      .execute();
    expect(kinds.map((k) => k.kind).sort()).toEqual(
      expect.arrayContaining(['count_adjustment', 'receipt', 'sale', 'transfer_in', 'transfer_out']),
    );
    expect(await pagedHistory(p.id, branch)).toEqual(await plainHistory(server.db, p.id, branch));
    expect(await pagedHistory(p.id, CENTRE_LOCATION_ID)).toEqual(
      await plainHistory(server.db, p.id, CENTRE_LOCATION_ID),
    );
    // Every location of the chain, merged.
    expect(await pagedHistory(p.id)).toEqual(await plainHistory(server.db, p.id));
    expect(await pagedHistory(q.id, branch)).toEqual(await plainHistory(server.db, q.id, branch));
  });
});

/** A database migrated up to `name` only. */
async function migrateTo(db: Db, name: string, schema?: string) {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error;
}

describe.each(reachableTestDatabases)('migration 0026 on a ledger written before it on $label', (database) => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let db: Db;

  beforeAll(async () => {
    if (database.kind === 'postgres') {
      await withAdminClient(database.databaseUrl, (c) => c.query(`CREATE SCHEMA ${schema}`));
      db = openDatabase({ kind: 'postgres', databaseUrl: database.databaseUrl, pgSchema: schema, poolSize: 2 });
    } else db = openDatabase({ kind: 'sqlite' });
    await migrateTo(db, '0025-open-device-links', database.kind === 'postgres' ? schema : undefined);
    await sql`insert into locations (id, kind, name)
      select 'loc-' || i, 'branch', 'Loc ' || i from (select 0 as i union all select 1 union all select 2) as l`.execute(
      db,
    );
    await sql`insert into products (id, sku, barcode, name, category, price_cents, tax_rate_bp, legacy_id, deleted, seq, updated_at)
      select 'p-' || i, 'SKU-' || i, null, 'P ' || i, 'c', 100, 0, null, 0, 1, '2026-11-28T00:00:00.000Z'
      from (with recursive n(i) as (select 0 union all select i + 1 from n where i < 6) select i from n) as numbers`.execute(
      db,
    );
    // 3 locations × 7 products; 4 movements a sequence number, two of each product (lines of one sale).
    await sql`insert into stock_movements (id, seq, location_id, product_id, delta, kind, sale_id, actor, reason, created_at)
      select 'm-' || (10000 + i), 10 + (i / 4) * 2, 'loc-' || ((i / 4) % 3), 'p-' || (((i / 2) * 5) % 7), 1, 'receipt', null, 'test', 'old', '2026-11-28T00:00:00.000Z'
      from (with recursive n(i) as (select 0 union all select i + 1 from n where i < 999) select i from n) as numbers`.execute(
      db,
    );
    await sql`insert into stock_levels (location_id, product_id, quantity, reorder_level, seq, updated_at)
      select location_id, product_id, sum(delta), null, max(seq), '2026-11-28T00:00:00.000Z' from stock_movements
      group by location_id, product_id`.execute(db);
    await migrateToLatest(db);
  }, 60_000);

  afterAll(async () => {
    await db?.destroy();
    if (database.kind === 'postgres')
      await withAdminClient(database.databaseUrl, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  });

  it('computes every chain (null for the first, shared by movements at one sequence number) and history pages follow them', async () => {
    const shared = await db
      .selectFrom('stock_movements')
      .select(['location_id', 'product_id', 'seq'])
      .groupBy(['location_id', 'product_id', 'seq'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(shared.length).toBeGreaterThan(0);
    for (let l = 0; l < 3; l++)
      for (let p = 0; p < 7; p++) {
        const { actual, expected } = await chainOf(db, `loc-${l}`, `p-${p}`);
        expect(actual.length).toBeGreaterThan(10);
        expect(actual).toEqual(expected);
        const paged: string[] = [];
        let cursor: string | undefined;
        for (;;) {
          const page = await listMovements(db, {
            locations: 'all',
            locationId: `loc-${l}`,
            productId: `p-${p}`,
            limit: 7,
            ...(cursor ? { cursor } : {}),
          });
          paged.push(...page.items.map((m) => m.id));
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
        expect(paged).toEqual(await plainHistory(db, `p-${p}`, `loc-${l}`));
      }
  });
});
