import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * A product's history at a location as a chain: each movement keeps the sequence number of the
 * previous movement of its product at its location (`prev_seq`, null for the first), and the level
 * (stock_levels.seq, stamped by every movement and by nothing else) points at the newest. A history
 * page follows the chain through stock_movements_location_seq, one seek per movement, whatever the
 * ledger's size (movement-queries.ts). Movements that share a sequence number (two lines of one
 * sale) share their prev_seq: the chain runs over sequence numbers.
 *
 * The chains of the movements already written are computed here with lag() over each product's
 * distinct sequence numbers at each location. The bucketed index of 0007 that history reads used
 * to seek in, bucket by bucket (a product that rarely moves visited every bucket), goes: one index
 * fewer for every movement ingest writes.
 */
export const movementChains: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropIndex('stock_movements_product_history').execute();
    await db.schema.alterTable('stock_movements').addColumn('prev_seq', 'bigint').execute();
    // PostgreSQL writes a new version of every updated row and an entry for it in each index: the
    // sequence indexes are built again after the update instead (half the time on 1,000,000
    // movements). SQLite updates the row in place and leaves indexes of unchanged columns alone.
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    if (postgres) {
      await db.schema.dropIndex('stock_movements_location_seq').execute();
      await db.schema.dropIndex('stock_movements_seq').execute();
    }
    await sql`update stock_movements set prev_seq = chained.prev_seq
      from (
        select location_id, product_id, seq,
               lag(seq) over (partition by location_id, product_id order by seq) as prev_seq
        from (select distinct location_id, product_id, seq from stock_movements) as moved
      ) as chained
      where stock_movements.location_id = chained.location_id
        and stock_movements.seq = chained.seq
        and stock_movements.product_id = chained.product_id
        and chained.prev_seq is not null`.execute(db);
    if (postgres) {
      await db.schema
        .createIndex('stock_movements_location_seq')
        .on('stock_movements')
        .columns(['location_id', 'seq', 'id'])
        .execute();
      await db.schema.createIndex('stock_movements_seq').on('stock_movements').columns(['seq', 'id']).execute();
    }
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('stock_movements').dropColumn('prev_seq').execute();
    await sql`create index stock_movements_product_history on stock_movements (location_id, (seq / 4096), product_id, seq)`.execute(
      db,
    );
  },
};
