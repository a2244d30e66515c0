import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import { isPostgres } from './bulk-insert';
import { prepared } from './prepared-statements';
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
  const result = await db.executeQuery<Record<string, unknown[]>>(
    CompiledQuery.raw(prepared(`select ${columns.join(', ')}`), parameters),
  );
  const row = result.rows[0]!;
  reads.forEach((r, i) => r.accept(row[`r${i}`]!));
}

/**
 * A read's SQL with its parameters appended to `parameters` (renumbered after those already there),
 * each `in ($a, …, $z)` list turned into `= any($k)` of one array parameter (`not in` into
 * `<> all`): the same rows, and a text that does not change with the lists' lengths, so the
 * statement stays prepared on the connection (prepared-statements.ts) instead of being parsed and
 * planned again for every push (0.8 ms of PostgreSQL's time a push, docs/benchmarks.md).
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
