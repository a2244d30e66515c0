import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * PostgreSQL only: the foreign keys of the rows a sales push writes (sales → branch and device, sale
 * lines → sale, stock levels → location and product) become one check per statement of the rows it
 * inserted, and the parents refuse to go away. The database still refuses every row the foreign keys
 * refused; it checks a push's rows together instead of one by one.
 *
 * Why: a foreign key checks row by row, each check a look-up with a row lock (`for key share`) on
 * the parent, in PostgreSQL's one backend while the push's group holds the sequence lock: 100 for a
 * push's 50 sales, one per line, and on the stock levels two per updated level whenever the same
 * transaction had written that level already (ri_triggers.c checks an update of a row its own
 * transaction wrote whether or not the keys changed) — in a group commit the pushes of a branch
 * update the same levels one after another. EXPLAIN ANALYZE of a push's write statement in such a
 * group: 3.1 ms in the product key's trigger for 117 levels, 0.8 in the location's, 0.55 in the
 * lines', 0.6 in the sales'. PostgreSQL's CPU for the write statement in groups of 20 pushes over 10
 * branches: 11.1 → 9.2 ms (docs/benchmarks.md, issue 14).
 *
 * What the foreign keys guaranteed, and what guarantees it now:
 * - a row never names a parent that does not exist when it is written: an AFTER INSERT trigger for
 *   each statement looks up the distinct parents of the rows the statement inserted (a transition
 *   table; an upsert's updated rows are not in it) and raises foreign_key_violation, failing the
 *   statement as the foreign key did. One look-up per distinct parent, each an equality on the
 *   parent's primary key: no plan that hashes a whole parent table, whatever sizes PostgreSQL saw
 *   when it cached the plan;
 * - nor later: these rows keep the parents they were written with (a trigger refuses an update of
 *   those columns), and the parents refuse delete, truncate and a changed id (triggers; nothing in
 *   the server does any of these).
 * Tests: ingest-parent-checks.test.ts (the same statements refused on both databases).
 *
 * SQLite keeps its foreign keys: there a check is a probe of an index in the same process, with no
 * row lock to write.
 */
const CHILDREN = [
  {
    table: 'sales',
    keys: [
      { column: 'branch_id', parent: 'branches', constraint: 'sales_branch_id_fkey' },
      { column: 'device_id', parent: 'devices', constraint: 'sales_device_id_fkey' },
    ],
  },
  { table: 'sale_lines', keys: [{ column: 'sale_id', parent: 'sales', constraint: 'sale_lines_sale_id_fkey' }] },
  {
    table: 'stock_levels',
    keys: [
      { column: 'location_id', parent: 'locations', constraint: 'stock_levels_location_id_fkey' },
      { column: 'product_id', parent: 'products', constraint: 'stock_levels_product_id_fkey' },
    ],
  },
] as const;

/** What a parent's triggers say when they refuse (after the table's name). */
const NEVER_DELETED = "'are never deleted and keep their id: sales, their lines and stock levels refer to them'";

const PARENTS = [...new Set(CHILDREN.flatMap((c) => c.keys.map((k) => k.parent)))];

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

export const ingestParentChecks: Migration = {
  async up(db: Kysely<unknown>) {
    if (!isPostgres(db)) return;
    // One function for every refusal: the table's name, then what it refuses (the trigger's argument).
    await sql`
      create function refuse_parent_change() returns trigger language plpgsql as $$
      begin
        raise exception '% %', tg_table_name, tg_argv[0] using errcode = 'foreign_key_violation';
      end
      $$
    `.execute(db);
    for (const { table, keys } of CHILDREN) {
      const columns = keys.map((k) => k.column);
      const lookups = keys
        .map(
          ({ column, parent }) => `
          perform from ${parent} where id = r.${column};
          if not found then
            raise exception '${table} row names ${parent} %, which does not exist', r.${column}
              using errcode = 'foreign_key_violation', table = '${table}', column = '${column}';
          end if;`,
        )
        .join('');
      await sql
        .raw(
          `create function ${table}_parents_exist() returns trigger language plpgsql as $$
          declare
            r record;
          begin
            for r in select distinct ${columns.join(', ')} from inserted loop${lookups}
            end loop;
            return null;
          end
          $$`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger ${table}_parents_exist after insert on ${table}
          referencing new table as inserted for each statement execute function ${table}_parents_exist()`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger ${table}_parents_kept before update of ${columns.join(', ')} on ${table} for each row
          when (${columns.map((c) => `old.${c} is distinct from new.${c}`).join(' or ')})
          execute function refuse_parent_change('keep the parents they were written with')`,
        )
        .execute(db);
    }
    for (const parent of PARENTS) {
      await sql
        .raw(
          `create trigger ${parent}_never_deleted before delete on ${parent} for each row execute function refuse_parent_change(${NEVER_DELETED})`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger ${parent}_never_truncated before truncate on ${parent} for each statement execute function refuse_parent_change(${NEVER_DELETED})`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger ${parent}_id_kept before update of id on ${parent} for each row when (old.id is distinct from new.id) execute function refuse_parent_change(${NEVER_DELETED})`,
        )
        .execute(db);
    }
    for (const { table, keys } of CHILDREN)
      for (const { constraint } of keys)
        await sql.raw(`alter table ${table} drop constraint if exists ${constraint}`).execute(db);
  },
  async down(db: Kysely<unknown>) {
    if (!isPostgres(db)) return;
    for (const { table, keys } of CHILDREN) {
      for (const { column, parent, constraint } of keys)
        await sql
          .raw(`alter table ${table} add constraint ${constraint} foreign key (${column}) references ${parent} (id)`)
          .execute(db);
      await sql.raw(`drop trigger if exists ${table}_parents_kept on ${table}`).execute(db);
      await sql.raw(`drop trigger if exists ${table}_parents_exist on ${table}`).execute(db);
      await sql.raw(`drop function if exists ${table}_parents_exist()`).execute(db);
    }
    for (const parent of PARENTS)
      for (const trigger of ['never_deleted', 'never_truncated', 'id_kept'])
        await sql.raw(`drop trigger if exists ${parent}_${trigger} on ${parent}`).execute(db);
    await sql`drop function if exists refuse_parent_change()`.execute(db);
  },
};
