import { randomBytes } from 'node:crypto';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../db/database';
import { migrations } from '../db/migrations';
import { reachableTestDatabases } from '../test/databases';
import { withAdminClient } from '../test/test-server';
import { listMovements, productHistoryQuery } from './movement-queries';

const postgres = reachableTestDatabases.find((d) => d.kind === 'postgres');

/** `count` movements from number `first` on: 10 locations, 2,000 products, sequence numbers 20 apart. */
function movements(first: number, count: number, products = "'p-' || ((i * 7919) % 2000)") {
  return sql`insert into stock_movements (id, seq, location_id, product_id, delta, kind, sale_id, actor, reason, created_at)
    select 'm-' || lpad(i::text, 7, '0'), i * 20, 'loc-' || (i % 10), ${sql.raw(products)}, 1, 'receipt', null,
           'test', 'plan test', '2026-11-28T00:00:00.000Z'
    from generate_series(${sql.lit(first)}, ${sql.lit(first + count - 1)}) as i`;
}

/**
 * PostgreSQL picks plans by cost from statistics, so the plan is checked on a ledger big enough for
 * them to matter (200,000 movements, 10 locations, 2,000 products, analyzed), written before
 * migration 0026 so that its chains come from the migration's backfill. A page of a product's
 * history follows the product's chain, a seek a step, and reads as many buffers when the ledger has
 * doubled with other products' movements (the bucketed index of 0007 read one more seek per 4,096
 * sequence numbers of history).
 */
describe.runIf(postgres)("a product's history on PostgreSQL follows its chain", () => {
  const databaseUrl = (postgres as { databaseUrl: string } | undefined)?.databaseUrl ?? '';
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let db: Db;

  beforeAll(async () => {
    await withAdminClient(databaseUrl, (c) => c.query(`CREATE SCHEMA ${schema}`));
    db = openDatabase({ kind: 'postgres', databaseUrl, pgSchema: schema, poolSize: 2 });
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
      migrationTableSchema: schema,
    });
    const { error } = await migrator.migrateTo('0025-open-device-links');
    if (error) throw error;
    await sql`insert into locations (id, name, kind) select 'loc-' || i, 'Loc', 'branch' from generate_series(0, 9) as i`.execute(
      db,
    );
    await sql`insert into products (id, sku, barcode, name, category, price_cents, tax_rate_bp, legacy_id, deleted, seq, updated_at)
      select 'p-' || i, 'SKU-' || i, null, 'P ' || i, 'c', 100, 0, null, 0, 1, '2026-11-28T00:00:00.000Z'
      from generate_series(0, 2999) as i`.execute(db);
    await movements(1, 200_000).execute(db);
    await sql`insert into stock_levels (location_id, product_id, quantity, reorder_level, seq, updated_at)
      select location_id, product_id, sum(delta), null, max(seq), '2026-11-28T00:00:00.000Z' from stock_movements
      group by location_id, product_id`.execute(db);
    await migrateToLatest(db);
    await db.updateTable('server_sequence').set({ value: 4_000_000 }).where('id', '=', 1).execute();
    await sql`analyze stock_movements`.execute(db);
    await sql`analyze stock_levels`.execute(db);
  }, 120_000);

  afterAll(async () => {
    await db?.destroy();
    if (postgres) await withAdminClient(databaseUrl, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  });

  const page = (cursor: { seq: number; id: string } | null) => productHistoryQuery(db, 'loc-3', 'p-1757', cursor, 51);
  const explain = async (options: string, cursor: { seq: number; id: string } | null) => {
    const result = await sql<{ 'QUERY PLAN': unknown }>`explain (${sql.raw(options)}) ${page(cursor)}`.execute(db);
    return result.rows.map((r) => r['QUERY PLAN']);
  };
  /** Shared buffers (hit and read) of the whole statement, and the movements it fetched. */
  const cost = async (cursor: { seq: number; id: string } | null) => {
    const [json] = (await explain('analyze, buffers, format json', cursor)) as [[{ Plan: PlanNode }]];
    const top = json[0].Plan;
    let fetched = 0;
    const walk = (n: PlanNode) => {
      if (n['Relation Name'] === 'stock_movements') fetched += n['Actual Rows'] * n['Actual Loops'];
      for (const c of n.Plans ?? []) walk(c);
    };
    walk(top);
    return { buffers: top['Shared Hit Blocks'] + top['Shared Read Blocks'], fetched };
  };

  it('seeks the sequence number of each step, and never scans the location', async () => {
    const plan = (await explain('costs off', { seq: 3_000_000, id: 'x' })).join('\n');
    expect(plan).toContain('Recursive Union');
    // An equality seek on the sequence number in stock_movements_seq or stock_movements_location_seq, whichever
    // PostgreSQL prices lower (each sequence number holds one document's few movements).
    expect(plan).toMatch(
      /Index Scan using stock_movements_(location_)?seq on stock_movements m\n\s+Index Cond: \((\(location_id = 'loc-3'::text\) AND )?\(?seq = chain(_1)?\.prev_seq\)\)?/,
    );
    expect(plan).not.toContain('Seq Scan on stock_movements');
    expect(plan).not.toMatch(/Index Cond: \(location_id = [^)]*\)\n/);
  });

  it('reads as many buffers and movements for a page when the ledger doubles with other products', async () => {
    const before = await cost(null);
    // A cursor off this chain (another location's movement): walked to from the newest, still bounded.
    const deeper = await cost({ seq: 2_000_000, id: 'm-0100000' });
    await movements(200_001, 200_000, "'p-' || (2000 + (i % 1000))").execute(db);
    await sql`analyze stock_movements`.execute(db);
    const after = await cost(null);
    const deeperAfter = await cost({ seq: 2_000_000, id: 'm-0100000' });
    expect(before.fetched).toBeGreaterThan(0);
    // A page walks ~51 steps of a few rows each whatever the ledger holds.
    expect(after.fetched).toBe(before.fetched);
    expect(deeperAfter.fetched).toBe(deeper.fetched);
    expect(after.buffers).toBeLessThan(before.buffers * 1.3 + 20);
    expect(before.buffers).toBeLessThan(600);
  });

  it('lists the same pages as a plain scan of the product, newest first', async () => {
    const expected = (
      await db
        .selectFrom('stock_movements')
        .select(['id', 'seq'])
        .where('location_id', '=', 'loc-3')
        .where('product_id', '=', 'p-1757')
        .orderBy('seq', 'desc')
        .orderBy('id', 'desc')
        .execute()
    ).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(60);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const got = await listMovements(db, {
        locations: 'all',
        locationId: 'loc-3',
        productId: 'p-1757',
        limit: 25,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...got.items.map((m) => m.id));
      if (!got.nextCursor) break;
      cursor = got.nextCursor;
    }
    expect(seen).toEqual(expected);
  });
});

interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}
