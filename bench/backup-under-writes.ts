/**
 * Issue 9 defect 9: `npm run ecomarket -- backup` on a busy SQLite database. Builds a database of
 * BACKUP_BENCH_MB (default 158) with the real server, then times the backup CLI idle and while a
 * tablet pushes a sale every 1000 / BACKUP_BENCH_WRITES ms (default 50 a second) over HTTP.
 * Target: under 60 s at 50 writes/s. Run: npx tsx bench/backup-under-writes.ts
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/logger';
import { startServer } from '../server/start-server';
import { catalogue, makeSale, pairDevice, pushSales } from '../server/test/test-server';

const MB = Number(process.env.BACKUP_BENCH_MB ?? 158);
const WRITES_PER_SECOND = Number(process.env.BACKUP_BENCH_WRITES ?? 50);
const LIMIT_MS = 120_000;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecomarket-backup-bench-'));
const config = loadConfig({}, { port: '0', host: '127.0.0.1', logLevel: 'silent', dataDir: dir, clientDir: dir });
const running = await startServer(config, createLogger('silent'));

function runBackup(target: string): Promise<{ ms: number; code: number; stderr: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      path.resolve('node_modules/.bin/tsx'),
      [path.resolve('server/cli/main.ts'), 'backup', target, '--force'],
      { env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent' }, timeout: LIMIT_MS },
      (err, _stdout, stderr) =>
        resolve({ ms: performance.now() - started, code: err ? Number(err.code ?? 1) || 1 : 0, stderr }),
    );
  });
}

try {
  // Bulk the file up to size with 1 MB rows; the backup copies pages, whatever they hold.
  await sql`create table bench_filler (id integer primary key, data blob not null)`.execute(running.db);
  while (fs.statSync(config.sqliteFile).size < MB * 1024 * 1024) {
    await running.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 16; i++)
        await sql`insert into bench_filler (data) values (${randomBytes(1024 * 1024)})`.execute(trx);
    });
    await sql`pragma wal_checkpoint(truncate)`.execute(running.db);
  }
  const sizeMb = fs.statSync(config.sqliteFile).size / 1024 / 1024;

  const idle = await runBackup(path.join(dir, 'idle.sqlite'));

  const device = await pairDevice({ url: running.url, db: running.db });
  const [product] = await catalogue(running.url, device.token);
  let writes = 0;
  let failedWrites = 0;
  let deviceSeq = 0;
  let writing = true;
  const writer = (async () => {
    const every = 1000 / WRITES_PER_SECOND;
    const start = performance.now();
    while (writing) {
      const sale = makeSale(device, ++deviceSeq, [{ product: product!, quantity: 1 }]);
      const res = await pushSales(running.url, device.token, [sale]);
      if (res.status === 200 && res.body.acks.length === 1) writes++;
      else failedWrites++;
      const next = start + deviceSeq * every;
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
    }
  })();
  await new Promise((r) => setTimeout(r, 1000));
  const writesBefore = writes;
  const busy = await runBackup(path.join(dir, 'busy.sqlite'));
  const writesDuring = writes - writesBefore;
  writing = false;
  await writer;

  const leftovers = fs.readdirSync(dir).filter((f) => f.includes('.partial'));
  const rows = [
    ['database', `${sizeMb.toFixed(0)} MB`],
    ['backup idle', `${(idle.ms / 1000).toFixed(1)} s (exit ${idle.code})`],
    [
      `backup at ${WRITES_PER_SECOND} writes/s`,
      `${(busy.ms / 1000).toFixed(1)} s (exit ${busy.code}); ${writesDuring} sales acknowledged during it (${((writesDuring * 1000) / busy.ms).toFixed(1)}/s), ${failedWrites} failed`,
    ],
    ['left behind', leftovers.length ? leftovers.join(', ') : 'nothing'],
  ];
  for (const [k, v] of rows) console.log(`${k!.padEnd(26)} ${v}`);
  if (busy.code !== 0 || idle.code !== 0) console.error(idle.stderr, busy.stderr);
  process.exitCode = busy.code === 0 && busy.ms < 60_000 && leftovers.length === 0 ? 0 : 1;
} finally {
  await running.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
