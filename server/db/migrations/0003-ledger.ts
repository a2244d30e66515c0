import type { Kysely, Migration } from 'kysely';

/** Reconciliation items, transfers, counts, shift events, transfer receipts, relays. SQLite and PostgreSQL alike. */
export const ledger: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('reconciliation_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('cause_key', 'text', (c) => c.notNull().unique())
      .addColumn('branch_id', 'text')
      .addColumn('location_id', 'text', (c) => c.notNull())
      .addColumn('product_id', 'text')
      .addColumn('sale_id', 'text')
      .addColumn('document_id', 'text')
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('assigned_to', 'text')
      .addColumn('assigned_to_name', 'text')
      .addColumn('assigned_at', 'text')
      .addColumn('resolved_by', 'text')
      .addColumn('resolved_by_name', 'text')
      .addColumn('resolution_note', 'text')
      .addColumn('resolved_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('reconciliation_items_status_seq')
      .on('reconciliation_items')
      .columns(['status', 'seq', 'id'])
      .execute();
    await db.schema
      .createIndex('reconciliation_items_branch_seq')
      .on('reconciliation_items')
      .columns(['branch_id', 'seq', 'id'])
      .execute();

    await db.schema
      .createTable('transfers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('from_location_id', 'text', (c) => c.notNull().references('locations.id'))
      .addColumn('to_location_id', 'text', (c) => c.notNull().references('locations.id'))
      .addColumn('lines', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text')
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('received_lines', 'text')
      .execute();
    await db.schema.createIndex('transfers_to_seq').on('transfers').columns(['to_location_id', 'seq', 'id']).execute();

    await db.schema
      .createTable('stock_counts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('branch_id', 'text', (c) => c.notNull().references('branches.id'))
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('location_id', 'text', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('counted_quantity', 'bigint', (c) => c.notNull())
      .addColumn('believed_quantity', 'bigint', (c) => c.notNull())
      .addColumn('believed_level_seq', 'bigint', (c) => c.notNull())
      .addColumn('level_at_apply', 'bigint', (c) => c.notNull())
      .addColumn('delta', 'bigint', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('applied_seq', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('stock_counts_device_applied')
      .on('stock_counts')
      .columns(['device_id', 'applied_seq'])
      .execute();

    await db.schema
      .createTable('shift_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('shift_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text', (c) => c.notNull().references('branches.id'))
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('cashier_id', 'text')
      .addColumn('cashier_name', 'text', (c) => c.notNull())
      .addColumn('amount_cents', 'bigint', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('device_at', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('applied_seq', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('shift_events_shift').on('shift_events').column('shift_id').execute();
    await db.schema
      .createIndex('shift_events_branch_applied')
      .on('shift_events')
      .columns(['branch_id', 'applied_seq'])
      .execute();
    await db.schema.createIndex('sales_shift').on('sales').column('shift_id').execute();

    await db.schema
      .createTable('transfer_receipts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('transfer_id', 'text', (c) => c.notNull().unique().references('transfers.id'))
      .addColumn('branch_id', 'text', (c) => c.notNull().references('branches.id'))
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('location_id', 'text', (c) => c.notNull())
      .addColumn('lines', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('applied_seq', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('transfer_receipts_device_applied')
      .on('transfer_receipts')
      .columns(['device_id', 'applied_seq'])
      .execute();

    await db.schema
      .createTable('document_relays')
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('collection', 'text', (c) => c.notNull())
      .addColumn('author_device_id', 'text', (c) => c.notNull())
      .addColumn('relayed_by_device_id', 'text', (c) => c.notNull())
      .addColumn('applied_seq', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('document_relays_pk', ['document_id', 'relayed_by_device_id'])
      .execute();
    await db.schema
      .createIndex('document_relays_by_applied')
      .on('document_relays')
      .columns(['relayed_by_device_id', 'applied_seq'])
      .execute();

    await db.schema
      .createTable('rejected_documents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('collection', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
