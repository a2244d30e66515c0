import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Database } from './schema';

type Row = Record<string, string | number | null>;

/**
 * A multi-row INSERT of fixed columns whose SQL is built by Kysely once per row count and dialect
 * and then reused with new parameters. Kysely rebuilds and compiles a query on every call, which
 * for a 200-row insert costs about as much as SQLite takes to run it (bench/server-bench.ts); the
 * text is the one Kysely itself would send, so both databases get exactly the same statements as
 * before, and SQLite's prepared-statement cache (sqlite-statement-cache.ts) finds them by text.
 *
 * `build` makes the query for the given rows (values plus any ON CONFLICT clause); it must turn
 * each value of each row into one parameter, in column order (checked when compiled).
 */
export class BulkInsert<R extends Row> {
  private readonly sqlByDialect = new WeakMap<object, Map<number, string>>();

  constructor(
    private readonly columns: readonly (keyof R & string)[],
    private readonly build: (db: Kysely<Database>, rows: R[]) => Compilable,
    /** Most rows per statement. */
    private readonly rowsPerStatement = 200,
  ) {}

  async execute(db: Kysely<Database>, rows: readonly R[]): Promise<void> {
    for (let i = 0; i < rows.length; i += this.rowsPerStatement) {
      const part = rows.slice(i, i + this.rowsPerStatement);
      const parameters: unknown[] = [];
      for (const row of part) {
        for (const column of this.columns) {
          const value = row[column];
          if (value === undefined) throw new Error(`BulkInsert: column ${column} has no value`);
          parameters.push(value);
        }
      }
      await db.executeQuery(CompiledQuery.raw(this.sqlFor(db, part.length), parameters));
    }
  }

  private sqlFor(db: Kysely<Database>, rowCount: number): string {
    // Keyed by the adapter's class: SQLite and PostgreSQL compile differently, instances of one do not.
    const dialect = db.getExecutor().adapter.constructor;
    let texts = this.sqlByDialect.get(dialect);
    if (!texts) {
      texts = new Map();
      this.sqlByDialect.set(dialect, texts);
    }
    let text = texts.get(rowCount);
    if (text === undefined) {
      const placeholder = Object.fromEntries(this.columns.map((c) => [c, 0])) as R;
      const compiled = this.build(
        db,
        Array.from({ length: rowCount }, () => placeholder),
      ).compile();
      if (compiled.parameters.length !== rowCount * this.columns.length) {
        throw new Error(
          `BulkInsert: ${rowCount} rows of ${this.columns.length} columns compiled to ${compiled.parameters.length} parameters`,
        );
      }
      text = compiled.sql;
      texts.set(rowCount, text);
    }
    return text;
  }
}
