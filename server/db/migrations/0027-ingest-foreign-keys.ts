import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * PostgreSQL only: the foreign keys of the rows every sales push appends are dropped, and the parents
 * they pointed at refuse to be deleted instead.
 *
 * Why: each sale line checked its sale and each sale its branch and its device, 225 look-ups with a
 * row lock (`for key share`) each for a push of 50 sales, one after another in PostgreSQL's one
 * backend while the push's group holds the sequence lock. auto_explain of a bench run put them at
 * 15 % of the push's write statement; PostgreSQL's CPU per write fell from 7.1–9.1 to 6.3–6.7 ms
 * without them (docs/benchmarks.md, issue 14).
 *
 * What they guaranteed, and what guarantees it now:
 * - a row never names a parent that does not exist when written: ingest writes sales only for the
 *   pushing device's branch (read with its token), authored by that device or by a device of its branch
 *   that it read from `devices` (document-author.ts, else FORBIDDEN), with lines built from the sale
 *   they are written with (sales-batch.ts); a legacy notification's sale names its key's branch and
 *   device. Products are checked against the catalogue before anything is written (NOT_FOUND).
 * - no parent disappears later: nothing in the server deletes a sale, branch or device, or changes
 *   its id; the triggers below make the database refuse it too (as the foreign key did: delete,
 *   truncate, a changed id), so no orphan can appear by deletion.
 * Tests: ingest-foreign-keys.test.ts (both databases).
 *
 * SQLite keeps its foreign keys: there a check is a probe of an index in the same process, with no
 * row lock to write.
 */
const DROPPED = [
  { table: 'sale_lines', constraint: 'sale_lines_sale_id_fkey', column: 'sale_id', parent: 'sales' },
  { table: 'sales', constraint: 'sales_branch_id_fkey', column: 'branch_id', parent: 'branches' },
  { table: 'sales', constraint: 'sales_device_id_fkey', column: 'device_id', parent: 'devices' },
] as const;

const PARENTS = ['sales', 'branches', 'devices'] as const;

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

export const ingestForeignKeys: Migration = {
  async up(db: Kysely<unknown>) {
    if (!isPostgres(db)) return;
    await sql`
      create function refuse_parent_change() returns trigger language plpgsql as $$
      begin
        raise exception '% rows are never deleted and keep their id: sales, their lines and the ledger refer to them', tg_table_name
          using errcode = 'foreign_key_violation';
      end
      $$
    `.execute(db);
    for (const parent of PARENTS) {
      await sql
        .raw(
          `create trigger ${parent}_never_deleted before delete on ${parent} for each row execute function refuse_parent_change()`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger ${parent}_id_kept before update of id on ${parent} for each row when (old.id is distinct from new.id) execute function refuse_parent_change()`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger ${parent}_never_truncated before truncate on ${parent} for each statement execute function refuse_parent_change()`,
        )
        .execute(db);
    }
    for (const { table, constraint } of DROPPED)
      await sql.raw(`alter table ${table} drop constraint if exists ${constraint}`).execute(db);
  },
  async down(db: Kysely<unknown>) {
    if (!isPostgres(db)) return;
    for (const { table, constraint, column, parent } of DROPPED)
      await sql
        .raw(`alter table ${table} add constraint ${constraint} foreign key (${column}) references ${parent} (id)`)
        .execute(db);
    for (const parent of PARENTS)
      for (const trigger of ['never_deleted', 'id_kept', 'never_truncated'])
        await sql.raw(`drop trigger if exists ${parent}_${trigger} on ${parent}`).execute(db);
    await sql`drop function if exists refuse_parent_change()`.execute(db);
  },
};
