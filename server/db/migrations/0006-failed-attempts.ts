import type { Kysely, Migration } from 'kysely';

/** Failed sign-in and pairing attempts, counted in the database so every server instance sees the same count. */
export const failedAttempts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('failed_attempts')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('hits', 'integer', (c) => c.notNull())
      .addColumn('reset_at_ms', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('failed_attempts_reset').on('failed_attempts').column('reset_at_ms').execute();
  },
};
