import type { Kysely, Migration } from 'kysely';
import { v7 as uuidv7 } from 'uuid';

/** Price history, product revisions, conflict log, branch settings, cashiers. SQLite and PostgreSQL alike. */
export const catalogue: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('product_prices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
      .addColumn('price_cents', 'bigint', (c) => c.notNull())
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('product_prices_product_from')
      .on('product_prices')
      .columns(['product_id', 'valid_from', 'seq'])
      .execute();

    await db.schema
      .createTable('product_revisions')
      .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('product_revisions_pk', ['product_id', 'seq'])
      .execute();

    await db.schema
      .createTable('conflict_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('conflict_key', 'text', (c) => c.notNull().unique())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('centre_value', 'text', (c) => c.notNull())
      .addColumn('device_value', 'text', (c) => c.notNull())
      .addColumn('base_value', 'text', (c) => c.notNull())
      .addColumn('winner', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('conflict_log_seq').on('conflict_log').columns(['seq', 'id']).execute();

    await db.schema
      .createTable('branch_settings')
      .addColumn('branch_id', 'text', (c) => c.primaryKey().references('branches.id'))
      .addColumn('allow_oversell', 'integer', (c) => c.notNull())
      .addColumn('idle_lock_seconds', 'integer', (c) => c.notNull())
      .addColumn('receipt_header', 'text', (c) => c.notNull())
      .addColumn('receipt_footer', 'text', (c) => c.notNull())
      .addColumn('product_edit_fields', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('cashiers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('branch_id', 'text', (c) => c.notNull().references('branches.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('pin_hash', 'text', (c) => c.notNull())
      .addColumn('pin_salt', 'text', (c) => c.notNull())
      .addColumn('pin_iterations', 'integer', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('cashiers_branch_seq').on('cashiers').columns(['branch_id', 'seq', 'id']).execute();

    // The otherstock pull reads every location's levels in (seq) order.
    await db.schema
      .createIndex('stock_levels_seq')
      .on('stock_levels')
      .columns(['seq', 'location_id', 'product_id'])
      .execute();

    // Products that exist before this migration get their current price as their first history row.
    const products = (await db
      .selectFrom('products' as never)
      .select(['id', 'price_cents', 'seq', 'updated_at'] as never[])
      .execute()) as unknown as { id: string; price_cents: number; seq: number; updated_at: string }[];
    for (const p of products) {
      await db
        .insertInto('product_prices' as never)
        .values({
          id: uuidv7(),
          product_id: p.id,
          price_cents: Number(p.price_cents),
          valid_from: p.updated_at,
          seq: Number(p.seq),
        } as never)
        .execute();
    }
  },
};
