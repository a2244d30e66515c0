import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { startServer } from '../start-server';
import { reachableTestDatabases } from '../test/databases';
import { withAdminClient } from '../test/test-server';
import { openDatabase } from './database';
import { DEMO_BRANCH_ID } from './seed-demo';

const postgres = reachableTestDatabases.find((d) => d.kind === 'postgres');

/** Issue 9 defect 7: instances started at once on one empty database all start, and seed it once. */
describe.runIf(postgres)('server instances started together on one empty PostgreSQL schema', () => {
  // Twelve server starts: seconds each on a loaded 2-core machine.
  it('all start (4 instances, 3 rounds), with one migration run and one seed', { timeout: 120_000 }, async () => {
    const databaseUrl = (postgres as { databaseUrl: string }).databaseUrl;
    for (let round = 0; round < 3; round++) {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      await withAdminClient(databaseUrl, (c) => c.query(`CREATE SCHEMA ${schema}`));
      const config = loadConfig(
        {},
        {
          port: '0',
          host: '127.0.0.1',
          logLevel: 'silent',
          databaseUrl,
          clientDir: path.join(os.tmpdir(), 'ecomarket-no-client'),
        },
      );
      const starts = await Promise.allSettled(
        Array.from({ length: 4 }, () =>
          startServer(config, createLogger('silent'), {
            db: openDatabase({ kind: 'postgres', databaseUrl, pgSchema: schema }),
          }),
        ),
      );
      try {
        const failures = starts.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
        expect(failures, `round ${round}`).toEqual([]);
        const running = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
        expect(running.filter((r) => r.seeded)).toHaveLength(1);
        const db = running[0]!.db;
        expect((await db.selectFrom('branches').select('id').execute()).map((b) => b.id)).toEqual([DEMO_BRANCH_ID]);
        expect(await db.selectFrom('products').select('id').execute()).toHaveLength(5);
        expect(await db.selectFrom('product_prices').select('id').execute()).toHaveLength(5);
        const migrationsRun = await db
          .selectFrom('kysely_migration' as never)
          .selectAll()
          .execute();
        expect(new Set(migrationsRun.map((m) => (m as { name: string }).name)).size).toBe(migrationsRun.length);
      } finally {
        for (const s of starts) if (s.status === 'fulfilled') await s.value.close();
        await withAdminClient(databaseUrl, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    }
  });
});
