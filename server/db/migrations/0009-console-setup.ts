import type { Kysely, Migration } from 'kysely';

/** First-run setup codes (server/auth/first-run-setup.ts): only their hash is kept. SQLite and PostgreSQL alike. */
export const consoleSetup: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('setup_codes')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
  },
};
