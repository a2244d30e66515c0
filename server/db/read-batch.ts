import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import { isPostgres } from './bulk-insert';
import type { Database } from './schema';

/** One read of a batch: its query, and what to do with its rows. */
export interface Read<T> {
  query: Compilable<T>;
  accept(rows: T[]): void;
}

/** A Read, typed by its query (so `accept` gets that query's rows). */
export function read<T>(query: Compilable<T>, accept: (rows: T[]) => void): Read<unknown> {
  return { query, accept } as Read<unknown>;
}

/**
 * Runs independent reads together. On PostgreSQL they go out as one statement, `select (select
 * json_agg(q) from (<read 1>) q) as r0, (…) as r1`: one round trip instead of one each, which is
 * what a push waits for while its group holds the sequence lock (docs/benchmarks.md, issue 14).
 * Each read's rows come back as JSON objects with the same keys: integers stay numbers and text
 * stays text, which is all the ledger's reads select (no dates, no binary). SQLite runs them one
 * after the other (its statements cost no round trip).
 */
export async function readTogether(db: Kysely<Database>, reads: readonly Read<unknown>[]): Promise<void> {
  if (reads.length === 0) return;
  if (reads.length === 1 || !isPostgres(db)) {
    for (const r of reads) r.accept((await db.executeQuery(r.query.compile())).rows);
    return;
  }
  const parameters: unknown[] = [];
  const columns = reads.map((r, i) => {
    const text = withListsAsArrays(r.query.compile(), parameters);
    return `(select coalesce(json_agg(q), '[]'::json) from (${text}) q) as r${i}`;
  });
  // Sent unnamed, so PostgreSQL plans it with this push's values every time (~1 ms of its CPU a push
  // in all). Named, it was planned once per connection: after five executions PostgreSQL keeps a
  // generic plan when it looks no dearer than the custom ones, costed with the tables as they were
  // then. A connection that prepared it while `sales` was still small kept a sequential scan of
  // `sales` for the known ids: 2.4 → 15.7 ms a read within three seconds of one bench run as the
  // table grew, while another connection of the same run, prepared later, kept a bitmap plan at
  // 0.4–1.5 ms; which connection got which is chance, hence PostgreSQL's CPU per push varying
  // 2–3× between runs of the same code (docs/benchmarks.md, issue 14).
  const result = await db.executeQuery<Record<string, unknown[]>>(
    CompiledQuery.raw(`select ${columns.join(', ')}`, parameters),
  );
  const row = result.rows[0]!;
  reads.forEach((r, i) => r.accept(row[`r${i}`]!));
}

/**
 * A read's SQL with its parameters appended to `parameters` (renumbered after those already there),
 * each `in ($a, …, $z)` list turned into `= any($k)` of one array parameter (`not in` into
 * `<> all`): the same rows, and one text whatever the lists' lengths (one parameter per list
 * instead of hundreds to bind).
 */
export function withListsAsArrays(
  compiled: { sql: string; parameters: readonly unknown[] },
  parameters: unknown[],
): string {
  const value = (placeholder: string) => compiled.parameters[Number(placeholder.slice(1)) - 1];
  return compiled.sql.replace(
    /( not)? in \((\$\d+(?:, \$\d+)*)\)|\$\d+/g,
    (match: string, not: string | undefined, list: string | undefined) => {
      if (list === undefined) {
        parameters.push(value(match));
        return `$${parameters.length}`;
      }
      parameters.push(list.split(', ').map(value));
      return not ? ` <> all($${parameters.length})` : ` = any($${parameters.length})`;
    },
  );
}
