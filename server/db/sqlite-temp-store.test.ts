import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';

/** SQLite's temporary files this process holds open (they are unlinked at once, named etilqs_*). */
function openTempFiles(): string[] {
  return fs
    .readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return fs.readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target.includes('etilqs_'));
}

describe.runIf(process.platform === 'linux')('SQLite statement journals and savepoints (database.ts)', () => {
  it('keeps them in memory: a group transaction that rewrites pages inside savepoints opens no temporary file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecomarket-temp-store-'));
    const db = openDatabase({ kind: 'sqlite', sqliteFile: path.join(dir, 'ecomarket.sqlite') });
    try {
      await sql`create table filler (id integer primary key, body text not null)`.execute(db);
      const before = openTempFiles();
      await db.transaction().execute(async (trx) => {
        // As group-commit.ts does: each work after a savepoint of its own, rewriting pages the works before wrote.
        // Past 64 KB SQLite spills a savepoint's journal to a temporary file unless temp_store is MEMORY.
        for (let work = 0; work < 3; work++) {
          await sql.raw(`savepoint group_work_${work}`).execute(trx);
          await sql`
            with recursive n(id) as (select 1 union all select id + 1 from n where id < 100)
            insert or replace into filler (id, body) select id, ${'x'.repeat(3000 + work)} from n
          `.execute(trx);
        }
        expect(openTempFiles()).toEqual(before);
      });
      expect((await sql<{ n: number }>`select count(*) as n from filler`.execute(db)).rows[0]!.n).toBe(100);
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
