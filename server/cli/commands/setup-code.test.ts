import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { request, startTestServer, type TestServer } from '../../test/test-server';

// A CLI run is a fresh tsx process (seconds on a busy 2-core machine).
vi.setConfig({ testTimeout: 120_000 });

function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      path.resolve('node_modules/.bin/tsx'),
      [path.resolve('server/cli/main.ts'), ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), LOG_LEVEL: 'silent', ...env }, timeout: 100_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('setup-code (SQLite; the setup queries themselves run on both databases in setup-routes.test.ts)', () => {
  let server: TestServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer({ kind: 'sqlite', label: 'SQLite' });
    const { rows } = await sql<{ file: string }>`pragma database_list`.execute(server.db);
    env = { DATA_DIR: path.dirname(rows[0]!.file), DATABASE_URL: '' };
  });
  afterAll(async () => {
    await server?.close();
  });

  it('prints a code that creates the first administrator in the console; afterwards it refuses and says why', async () => {
    const res = await runCli(['setup-code'], env);
    expect(res.code, res.stderr).toBe(0);
    const code = /Setup code: ([A-Z0-9-]+)/.exec(res.stdout)?.[1];
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const created = await request(server.url, '/api/console/setup', {
      json: { code, email: 'ana@ecomarket.test', name: 'Ana', password: 'una-clave-larga-2' },
    });
    expect(created.status).toBe(201);
    const again = await runCli(['setup-code'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/administrator exists/);
  });
});
