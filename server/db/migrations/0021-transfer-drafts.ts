import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Transfer drafts (issue 11 part 4): a draft moves no stock and stays off the tablets until it is
 * sent. `sent_seq` is the sequence it was sent at (null for a draft, and for a draft cancelled
 * before it was sent); `created_at` when it was first written. Indexes for the console's list
 * filtered by state and by source. SQLite and PostgreSQL alike.
 */
export const transferDrafts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('transfers').addColumn('created_at', 'text').execute();
    await db.schema.alterTable('transfers').addColumn('sent_seq', 'bigint').execute();
    await sql`update transfers set created_at = sent_at, sent_seq = seq`.execute(db);
    await db.schema.createIndex('transfers_status_seq').on('transfers').columns(['status', 'seq', 'id']).execute();
    await db.schema
      .createIndex('transfers_from_seq')
      .on('transfers')
      .columns(['from_location_id', 'seq', 'id'])
      .execute();
  },
};
