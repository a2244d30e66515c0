import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';

describe('WAL checkpoints in a worker thread (SQLite)', () => {
  it('copies the log into the database file while the server writes, so the log restarts instead of growing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecomarket-wal-'));
    const file = path.join(dir, 'ecomarket.sqlite');
    const db = openDatabase({ kind: 'sqlite', sqliteFile: file });
    try {
      await sql`create table filler (id integer primary key, body text not null)`.execute(db);
      // 40 commits of about 100 pages each: 4,000 pages, at the server's own auto-checkpoint mark.
      for (let i = 0; i < 40; i++) {
        await db.transaction().execute(async (trx) => {
          for (let j = 0; j < 100; j++) await sql`insert into filler (body) values (${'x'.repeat(3000)})`.execute(trx);
        });
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      // The worker copied pages into the database file, and the log never reached 4,000 pages (16 MB).
      expect(fs.statSync(file).size).toBeGreaterThan(4_000_000);
      expect(fs.statSync(`${file}-wal`).size).toBeLessThan(8_000_000);
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
