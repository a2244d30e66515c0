import type { Kysely, Migration } from 'kysely';

/**
 * Manager approvals on the tablet: each branch's largest discount a cashier may give without a
 * supervisor, in basis points (10000 = any, what every branch allowed before). The approvals
 * themselves and the whole-ticket discount travel inside the ticket, stored whole in sales.body
 * in the transaction that applies it.
 */
export const approvals: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('branch_settings')
      .addColumn('max_discount_bp', 'integer', (c) => c.notNull().defaultTo(10000))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('branch_settings').dropColumn('max_discount_bp').execute();
  },
};
