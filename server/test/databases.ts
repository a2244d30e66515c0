import pg from 'pg';

/**
 * The databases the server contract suite runs on. SQLite always. PostgreSQL when
 * TEST_DATABASE_URL is set (locally postgres://postgres@127.0.0.1:5432/test). With
 * REQUIRE_POSTGRES=1 (CI) an unset URL or an unreachable server fails the run instead of skipping.
 */
export type TestDatabase =
  { kind: 'sqlite'; label: string } | { kind: 'postgres'; label: string; databaseUrl: string; unreachable?: string };

export const LOCAL_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

async function probe(databaseUrl: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message || err.name : String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function resolveDatabases(env: NodeJS.ProcessEnv): Promise<TestDatabase[]> {
  const databases: TestDatabase[] = [{ kind: 'sqlite', label: 'SQLite' }];
  const databaseUrl = env.TEST_DATABASE_URL?.trim() ?? '';
  const required = env.REQUIRE_POSTGRES === '1';
  if (!databaseUrl) {
    if (required) {
      throw new Error(
        `REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set; set it, e.g. TEST_DATABASE_URL=${LOCAL_TEST_DATABASE_URL}`,
      );
    }
    return databases;
  }
  const problem = await probe(databaseUrl);
  if (problem && required) {
    throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL at TEST_DATABASE_URL is unreachable: ${problem}`);
  }
  databases.push({ kind: 'postgres', label: 'PostgreSQL', databaseUrl, ...(problem ? { unreachable: problem } : {}) });
  return databases;
}

export const testDatabases: TestDatabase[] = await resolveDatabases(process.env);

/** The databases a suite can run on now: SQLite, and PostgreSQL unless it was found unreachable (without REQUIRE_POSTGRES). */
export const reachableTestDatabases: TestDatabase[] = testDatabases.filter(
  (d) => !(d.kind === 'postgres' && d.unreachable),
);
