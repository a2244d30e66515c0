import type { Kysely, Migration } from 'kysely';

/** The seed's legacy API: per-branch keys (hash only) and the deduplicated sale notifications. */
export const legacy: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('legacy_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('branch_id', 'text', (c) => c.notNull().references('branches.id'))
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('key_prefix', 'text', (c) => c.notNull())
      .addColumn('last_seq', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();

    await db.schema
      .createTable('legacy_notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('branch_id', 'text', (c) => c.notNull().references('branches.id'))
      .addColumn('key_id', 'text', (c) => c.notNull().references('legacy_keys.id'))
      .addColumn('product_legacy_id', 'integer', (c) => c.notNull())
      .addColumn('sale_timestamp', 'text', (c) => c.notNull())
      .addColumn('quantity', 'bigint', (c) => c.notNull())
      .addColumn('sale_price_cents', 'bigint', (c) => c.notNull())
      .addColumn('master_price_cents', 'bigint', (c) => c.notNull())
      .addColumn('sale_id', 'text', (c) => c.notNull().references('sales.id'))
      .addColumn('response', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('legacy_notifications_triple', ['branch_id', 'sale_timestamp', 'product_legacy_id'])
      .execute();
  },
};
