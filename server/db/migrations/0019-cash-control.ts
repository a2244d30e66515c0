import type { Kysely, Migration } from 'kysely';

/**
 * Cash control and quick keys, part of a branch's settings document (pulled by its tablets):
 * whether selling needs an open shift, and the page of quick keys (a JSON array of
 * `{productId, label}`). Null is the default: no shift required, no quick keys. No-sale opens,
 * counted notes and coins and approvals travel in the shift events' stored body.
 */
export const cashControl: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('branch_settings').addColumn('require_open_shift', 'integer').execute();
    await db.schema.alterTable('branch_settings').addColumn('quick_keys', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('branch_settings').dropColumn('quick_keys').execute();
    await db.schema.alterTable('branch_settings').dropColumn('require_open_shift').execute();
  },
};
