import { randomBytes } from 'node:crypto';
import { sql, type Compilable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../db/database';
import { reachableTestDatabases } from '../test/databases';
import { withAdminClient } from '../test/test-server';
import { MOVEMENT_HISTORY_BUCKET, listMovements, productMovementsInBucketsPostgres } from './movement-queries';

const postgres = reachableTestDatabases.find((d) => d.kind === 'postgres');

/**
 * PostgreSQL picks plans by cost from statistics, so its plan is checked on a ledger big enough
 * for them to matter (200,000 movements over 977 buckets, 10 locations, 2,000 products, analyzed).
 * Asked with `bucket in (…)` over many buckets, it read the location's whole section of the index and filtered
 * on the product (docs/benchmarks.md, issue 14); the LATERAL form seeks bucket by bucket.
 */
describe.runIf(postgres)("a product's history on PostgreSQL seeks bucket by bucket", () => {
  const databaseUrl = (postgres as { databaseUrl: string } | undefined)?.databaseUrl ?? '';
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let db: Db;

  beforeAll(async () => {
    await withAdminClient(databaseUrl, (c) => c.query(`CREATE SCHEMA ${schema}`));
    db = openDatabase({ kind: 'postgres', databaseUrl, pgSchema: schema, poolSize: 2 });
    await migrateToLatest(db);
    await sql`insert into stock_movements (id, seq, location_id, product_id, delta, kind, sale_id, actor, reason, created_at)
      select 'm-' || lpad(i::text, 7, '0'), i * 20, 'loc-' || (i % 10), 'p-' || ((i * 7919) % 2000), 1, 'receipt', null,
             'test', 'plan test', '2026-11-28T00:00:00.000Z'
      from generate_series(1, 200000) as i`.execute(db);
    await db.updateTable('server_sequence').set({ value: 4_000_000 }).where('id', '=', 1).execute();
    await sql`analyze stock_movements`.execute(db);
  }, 120_000);

  afterAll(async () => {
    await db?.destroy();
    if (postgres) await withAdminClient(databaseUrl, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  });

  const explain = async (query: Compilable) => {
    const compiled = query.compile();
    const result = await db.executeQuery<{ 'QUERY PLAN': string }>({ ...compiled, sql: `explain ${compiled.sql}` });
    return result.rows.map((r) => r['QUERY PLAN']).join('\n');
  };

  it('an equality seek on location, bucket and product for each of 977 buckets, with no filter on the bucket', async () => {
    const high = Math.floor(4_000_000 / MOVEMENT_HISTORY_BUCKET);
    const buckets = Array.from({ length: high + 1 }, (_, i) => high - i);
    const plan = await explain(
      productMovementsInBucketsPostgres(db, ['loc-3'], 'p-1757', buckets, { seq: 4_000_000, id: 'x' }, 51),
    );
    expect(plan).toContain('Index Scan Backward using stock_movements_product_history');
    expect(plan).toMatch(/Index Cond: \(\(location_id = l\.l\) AND \(\(seq \/ 4096\) = b\.b\) AND \(product_id = /);
    expect(plan).not.toMatch(/Filter: .*seq \/ 4096/);
  });

  it('lists the same page as a plain scan of the product, newest first, across buckets and pages', async () => {
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
      const page = await listMovements(db, {
        locations: 'all',
        locationId: 'loc-3',
        productId: 'p-1757',
        limit: 25,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items.map((m) => m.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(expected);
  });
});
