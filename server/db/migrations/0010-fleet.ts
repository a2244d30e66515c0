import { sql, type Kysely, type Migration } from 'kysely';

/** Fleet: each branch's time zone (with its other settings). SQLite and PostgreSQL alike. */
export const fleet: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('branch_settings')
      .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo(sql.lit('UTC')))
      .execute();
  },
};
