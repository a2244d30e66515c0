import { CompiledQuery, PostgresAdapter, type Compilable, type Kysely } from 'kysely';
import { prepared } from './prepared-statements';
import type { Database } from './schema';

type Row = Record<string, string | number | null>;

/** Whether a Kysely handle (database or transaction) talks to PostgreSQL. */
export function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * A multi-row INSERT of fixed columns whose SQL is built by Kysely once and then reused with new
 * parameters. Kysely rebuilds and compiles a query on every call, which for a 200-row insert costs
 * about as much as SQLite takes to run it (bench/server-bench.ts).
 *
 * SQLite gets the text Kysely itself would send, one statement per `rowsPerStatement` rows, so its
 * prepared-statement cache (sqlite-statement-cache.ts) finds them by text. PostgreSQL gets every
 * row in one parameter, `insert … select … from json_populate_recordset(null::table, $1)`, with the
 * same ON CONFLICT clause: one round trip and one parse whatever the row count, and a statement
 * that WriteBatch (write-batch.ts) can join with others into one round trip.
 *
 * `build` makes the query for the given rows (values plus any ON CONFLICT clause); it must turn
 * each value of each row into one parameter, in column order (checked when compiled).
 */
export class BulkInsert<R extends Row> {
  private readonly sqlByDialect = new WeakMap<object, Map<number, string>>();
  private jsonSql: string | undefined;

  constructor(
    private readonly columns: readonly (keyof R & string)[],
    private readonly build: (db: Kysely<Database>, rows: R[]) => Compilable,
    /** Most rows per statement (SQLite). */
    private readonly rowsPerStatement = 200,
  ) {}

  async execute(db: Kysely<Database>, rows: readonly R[]): Promise<void> {
    if (rows.length === 0) return;
    if (isPostgres(db)) {
      await db.executeQuery(CompiledQuery.raw(prepared(this.postgresSql(db)), [this.json(rows)]));
      return;
    }
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

  /** The rows as the one JSON parameter of the PostgreSQL form. */
  json(rows: readonly R[]): string {
    for (const row of rows)
      for (const column of this.columns)
        if (row[column] === undefined) throw new Error(`BulkInsert: column ${column} has no value`);
    return JSON.stringify(rows, this.columns as string[]);
  }

  /** The PostgreSQL form: Kysely's one-row statement with its VALUES list read from `$1` (a JSON array of rows). */
  postgresSql(db: Kysely<Database>): string {
    if (this.jsonSql === undefined) {
      const oneRow = this.sqlFor(db, 1);
      const table = /^insert into ("[^"]+")/.exec(oneRow)?.[1];
      const values = / values \(\$1(, \$\d+)*\)/.exec(oneRow);
      if (!table || !values) throw new Error(`BulkInsert: cannot read the table and values of: ${oneRow}`);
      const columns = this.columns.map((c) => `"${c}"`).join(', ');
      this.jsonSql =
        oneRow.slice(0, values.index) +
        ` select ${columns} from json_populate_recordset(null::${table}, $1::json)` +
        oneRow.slice(values.index + values[0].length);
    }
    return this.jsonSql;
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
