import { CompiledQuery, type DatabaseConnection, type Kysely, type QueryResult } from 'kysely';
import type { Database } from './schema';

/**
 * Writes whose answer nobody reads, sent with the connection's next statement instead of alone: one
 * round trip for both (PostgreSQL, one simple-protocol query of several statements, the values
 * written into the text). For the group commit's transactions on PostgreSQL (group-commit.ts): a
 * push's write then goes out with the next push's read, the group's last write with the sequence's
 * save and COMMIT, so that a push costs its group one wait for the busy event loop instead of two.
 * node-postgres does not pipeline; this is the one way to put two statements in one round trip.
 *
 * Order stays as asked: whatever statement comes next on the connection carries the deferred writes
 * before it. A deferred write's error comes back as the error of that next statement (the query
 * stops at its first error), so it must only be used where any error fails the whole transaction
 * (group-commit.ts runs such a group again with a savepoint per work, without deferring).
 *
 * Values are written as dollar-quoted literals of no type, which PostgreSQL resolves from their use
 * as it does a parameter sent with no type (all node-postgres sends). A statement with a value that
 * cannot be written so (a Date, a Buffer, an object) is sent as it was, after the deferred writes
 * on their own. Deferred writes run as prepared statements (SQL PREPARE once per connection, then
 * EXECUTE), as write-batch.ts's named statements do, so PostgreSQL does not plan them every time.
 */
export class StatementPipeline {
  private deferred: CompiledQuery[] = [];
  private readonly send: DatabaseConnection['executeQuery'];

  private constructor(private readonly connection: DatabaseConnection) {
    this.send = connection.executeQuery.bind(connection);
  }

  /**
   * Runs `body` with `conn`'s statements going through a pipeline (conn: one connection,
   * db.connection()); deferred writes still pending when it ends are dropped (the caller commits or
   * rolls back through the pipeline, or has failed).
   */
  static async around<T>(conn: Kysely<Database>, body: (pipeline: StatementPipeline) => Promise<T>): Promise<T> {
    const connection = await conn.getExecutor().provideConnection(async (c) => c);
    const pipeline = new StatementPipeline(connection);
    const own = connection as { executeQuery: DatabaseConnection['executeQuery'] };
    own.executeQuery = <R>(compiled: CompiledQuery) => pipeline.execute(compiled) as Promise<QueryResult<R>>;
    active.set(conn, pipeline);
    try {
      return await body(pipeline);
    } finally {
      active.delete(conn);
      delete (own as Partial<typeof own>).executeQuery;
    }
  }

  /** Whether writes on `db` may be deferred: it is the connection of a pipeline that defers. */
  static of(db: Kysely<Database>): StatementPipeline | undefined {
    const pipeline = active.get(db);
    return pipeline?.deferring ? pipeline : undefined;
  }

  /** Writes are deferred only while this is set (group-commit.ts: groups that have no savepoints). */
  deferring = false;

  /** Sends `write` with the next statement (or at `flush`). */
  defer(write: CompiledQuery): void {
    this.deferred.push(write);
  }

  /** Forgets the deferred writes (the transaction is being rolled back). */
  discard(): void {
    this.deferred = [];
  }

  /** Sends the deferred writes now, on their own. */
  async flush(): Promise<void> {
    if (this.deferred.length > 0) await this.execute(CompiledQuery.raw('select 1', []));
  }

  private async execute(compiled: CompiledQuery): Promise<QueryResult<unknown>> {
    if (this.deferred.length === 0) return this.send(compiled);
    const writes = this.deferred;
    this.deferred = [];
    const names = preparedNames(this.connection);
    const texts: string[] = [];
    const preparing: string[] = [];
    for (const write of writes) {
      const args = write.parameters.map(literal);
      if (args.some((a) => a === null)) {
        // Not written into the text: the deferred ones so far alone, then this one as it was.
        if (texts.length > 0) await this.sendTogether(texts, preparing, names);
        texts.length = 0;
        preparing.length = 0;
        await this.send(write);
        continue;
      }
      const kept = statementName(write.sql);
      if (kept === undefined) {
        texts.push(inlined(write)!);
        continue;
      }
      const name = `${kept}_${names.generation}`;
      if (!names.prepared.has(name)) {
        texts.push(`prepare ${name} as ${write.sql}`);
        preparing.push(name);
      }
      texts.push(args.length > 0 ? `execute ${name}(${args.join(', ')})` : `execute ${name}`);
    }
    const own = texts.length > 0 ? inlined(compiled) : null;
    if (own === null) {
      if (texts.length > 0) await this.sendTogether(texts, preparing, names);
      return this.send(compiled);
    }
    return this.sendTogether([...texts, own], preparing, names);
  }

  /** One query of several statements; its answer is the last one's (prepared-statements.ts). */
  private async sendTogether(
    texts: string[],
    preparing: string[],
    names: PreparedNames,
  ): Promise<QueryResult<unknown>> {
    try {
      const result = await this.send(CompiledQuery.raw(texts.join(';\n'), []));
      for (const name of preparing) names.prepared.add(name);
      return result;
    } catch (error) {
      // Which PREPAREs ran before the error is not known: new names from now on (the old ones stay
      // prepared, unused, until the connection closes; a few at most).
      if (preparing.length > 0) {
        names.generation++;
        names.prepared.clear();
      }
      throw error;
    }
  }
}

const active = new WeakMap<Kysely<Database>, StatementPipeline>();

interface PreparedNames {
  generation: number;
  prepared: Set<string>;
}

/** The statements each connection has prepared (a connection object per pg client, kept by Kysely's driver). */
const preparedByConnection = new WeakMap<DatabaseConnection, PreparedNames>();

function preparedNames(connection: DatabaseConnection): PreparedNames {
  let names = preparedByConnection.get(connection);
  if (!names) {
    names = { generation: 0, prepared: new Set() };
    preparedByConnection.set(connection, names);
  }
  return names;
}

/** Statement texts and their names, process-wide (a handful: the write batch's combinations). */
const statementNames = new Map<string, string>();

/** The name `text` is prepared under, or undefined past a bound (should the texts vary more than they do: then sent as text). */
function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < 200) {
    name = `pipelined_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

/** The statement with its values written in (or null if one cannot be): `$n` outside quoted text replaced. */
export function inlined(compiled: { sql: string; parameters: readonly unknown[] }): string | null {
  if (compiled.parameters.length === 0) return compiled.sql;
  const values = compiled.parameters.map(literal);
  if (values.some((v) => v === null)) return null;
  let unknownPlaceholder = false;
  const text = compiled.sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\d+)/g, (match: string, n?: string) => {
    if (n === undefined) return match;
    const value = values[Number(n) - 1];
    if (value === undefined || value === null) {
      unknownPlaceholder = true;
      return match;
    }
    return value;
  });
  return unknownPlaceholder ? null : text;
}

/**
 * A value as PostgreSQL reads a parameter of no type sent as text by node-postgres (its
 * prepareValue): a dollar-quoted literal of the same text, NULL for null; arrays of strings,
 * numbers and nulls as array literals. Null (the JavaScript value) when it cannot be written so.
 */
export function literal(value: unknown): string | null {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return quoted(String(value));
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (const item of value) {
      if (item === null || item === undefined) items.push('NULL');
      else if (typeof item === 'number' || typeof item === 'bigint' || typeof item === 'boolean')
        items.push(String(item));
      else if (typeof item === 'string') items.push(`"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
      else return null;
    }
    return quoted(`{${items.join(',')}}`);
  }
  return null;
}

/** Dollar quoting: no character of the text needs escaping, whatever the connection's settings. */
function quoted(text: string): string | null {
  // A tag that the text does not contain (and cannot end with: `$q$…$q$` must close where meant).
  for (let i = 0; i < 8; i++) {
    const tag = i === 0 ? '$q$' : `$q${i}$`;
    if (!text.includes(tag) && !text.endsWith(tag.slice(0, -1))) return `${tag}${text}${tag}`;
  }
  return null;
}
