import { CompiledQuery, type Kysely } from 'kysely';
import { isPostgres, type BulkInsert } from './bulk-insert';
import { prepared } from './prepared-statements';
import type { Database } from './schema';

type Row = Record<string, string | number | null>;

interface Part {
  insert: BulkInsert<Row>;
  rows: readonly Row[];
}

/**
 * Bulk inserts gathered and written together, in the order added. On PostgreSQL they go out as
 * one statement, `with w1 as (insert …), w2 as (insert …) select 1`: one round trip instead of
 * one each, which is what a push spends its time on there while its group holds the sequence
 * lock (bench/server-bench.ts, docs/benchmarks.md). Foreign keys are checked at the end of the
 * statement, as they would be after the separate ones. A statement must not change one row twice,
 * so an insert added a second time starts a new statement. SQLite runs them one after the other
 * (its statements cost no round trip).
 */
export class WriteBatch {
  private parts: Part[] = [];

  add<R extends Row>(insert: BulkInsert<R>, rows: readonly R[]): void {
    if (rows.length > 0) this.parts.push({ insert: insert as unknown as BulkInsert<Row>, rows });
  }

  async flush(db: Kysely<Database>): Promise<void> {
    const parts = this.parts;
    this.parts = [];
    if (!isPostgres(db)) {
      for (const p of parts) await p.insert.execute(db, p.rows);
      return;
    }
    let statement: Part[] = [];
    for (const p of parts) {
      if (statement.some((s) => s.insert === p.insert)) {
        await executeTogether(db, statement);
        statement = [];
      }
      statement.push(p);
    }
    await executeTogether(db, statement);
  }
}

async function executeTogether(db: Kysely<Database>, parts: readonly Part[]): Promise<void> {
  if (parts.length === 0) return;
  if (parts.length === 1) return parts[0]!.insert.execute(db, parts[0]!.rows);
  const ctes = parts.map((p, i) => `w${i + 1} as (${p.insert.postgresSql(db).replace('$1::json', `$${i + 1}::json`)})`);
  await db.executeQuery(
    CompiledQuery.raw(
      prepared(`with ${ctes.join(', ')} select 1`),
      parts.map((p) => p.insert.json(p.rows)),
    ),
  );
}
