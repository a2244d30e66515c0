import type { Kysely, Migration } from 'kysely';

/**
 * A branch's time zone lives in branch_settings (migration 0010-fleet) and the reports read it
 * there; their own settings keep only the largest cash difference allowed at a shift's close.
 */
export const reportSettings: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('report_branch_settings').dropColumn('time_zone').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema
      .alterTable('report_branch_settings')
      .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
      .execute();
  },
};
