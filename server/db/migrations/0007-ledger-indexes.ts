import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Movement and sale indexes that new rows append to instead of landing at random places
 * (bench/server-bench.ts, README "Server ingest"). Every index a line's movement lands in at a
 * random place costs that transaction one more page written to the log: the movements' old
 * (location, product, seq) index did, for about 40% of all pages a sales push wrote.
 *
 * - Listing by location or for the whole chain, newest first: (location_id, seq, id) and
 *   (seq, id). Sequence numbers only grow, so new entries go at the end.
 * - A product's history: (location_id, seq / 4096, product_id, seq). Within one bucket of 4,096
 *   sequence numbers entries still land by product, but only among the bucket's few pages, which a
 *   push's lines share; a history read seeks bucket by bucket (movement-queries.ts,
 *   MOVEMENT_HISTORY_BUCKET, which must stay equal to the divisor here).
 * - A sale's movements carry the sale's location and sequence number, so
 *   stock_movements_location_seq finds them; the unused index on sale_id goes.
 * - Refunds are few: only sales that refund something are in the refund_of index.
 */
export const ledgerIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropIndex('stock_movements_location_product').execute();
    await db.schema.dropIndex('stock_movements_sale').execute();
    await db.schema
      .createIndex('stock_movements_location_seq')
      .on('stock_movements')
      .columns(['location_id', 'seq', 'id'])
      .execute();
    await db.schema.createIndex('stock_movements_seq').on('stock_movements').columns(['seq', 'id']).execute();
    await sql`create index stock_movements_product_history on stock_movements (location_id, (seq / 4096), product_id, seq)`.execute(
      db,
    );
    await db.schema.dropIndex('sales_refund_of').execute();
    await db.schema
      .createIndex('sales_refund_of')
      .on('sales')
      .column('refund_of')
      .where(sql.ref('refund_of'), 'is not', null)
      .execute();
  },
};
