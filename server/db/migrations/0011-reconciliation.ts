import type { Kysely, Migration } from 'kysely';

/**
 * Reconciliation queue: each item's history (assigned, corrected, resolved) and an index per new
 * list filter (kind, assignee), each ending in (seq, id) like the list's order and cursor.
 * SQLite and PostgreSQL alike.
 */
export const reconciliation: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('reconciliation_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text')
      .addColumn('note', 'text')
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('reconciliation_events_item')
      .on('reconciliation_events')
      .columns(['item_id', 'seq'])
      .execute();
    await db.schema
      .createIndex('reconciliation_items_kind_seq')
      .on('reconciliation_items')
      .columns(['kind', 'seq', 'id'])
      .execute();
    await db.schema
      .createIndex('reconciliation_items_assignee_seq')
      .on('reconciliation_items')
      .columns(['assigned_to', 'seq', 'id'])
      .execute();
  },
};
