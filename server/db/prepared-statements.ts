import type pg from 'pg';

/** Statement texts sent as named prepared statements, and their names (one per text, process-wide). */
const names = new Map<string, string>();

/**
 * Marks a PostgreSQL statement text as one to keep prepared on each connection, and returns it.
 * For the few fixed texts every push sends (the write batch, write-batch.ts): PostgreSQL parses,
 * analyses and plans an unnamed statement on every execution, ~0.5 ms of its CPU for the
 * eight-insert write of a push (docs/benchmarks.md), where a named one is parsed once per
 * connection. Only fixed texts: a connection keeps every statement it prepared until it closes.
 * Only statements whose plan cannot depend on how large the tables are (inserts of a JSON
 * parameter): after five executions PostgreSQL may keep a generic plan costed with the tables as
 * they were then, and a read planned against a small table keeps scanning it as it grows
 * (read-batch.ts).
 */
export function prepared(text: string): string {
  if (!names.has(text) && names.size < MOST_NAMED) names.set(text, `ecomarket_${names.size + 1}`);
  return text;
}

/** A bound on what each connection keeps prepared, should the texts marked vary more than they do (past it they go unnamed). */
const MOST_NAMED = 500;

/** Makes a pool's connection send the texts marked by `prepared` as named statements (pool.on('connect')). */
export function namePreparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    const name = typeof text === 'string' && Array.isArray(values) && args.length === 2 ? names.get(text) : undefined;
    return name ? query({ name, text, values }) : query(...args);
  };
}
