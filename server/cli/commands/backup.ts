import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describeSummary, inspectSqliteFile } from '../sqlite-file';
import { UsageError, type CliCommand } from '../cli-command';

/** The most pages better-sqlite3 lets one backup step take: the whole database. */
const ALL_PAGES = 0x7fffffff;

export const command: CliCommand = {
  name: 'backup',
  summary: 'Copy the database to a file, safely while the server runs (SQLite).',
  usage: 'backup <file> [--force]',
  help: `SQLite: copies the live database with SQLite's online backup, so the server can keep selling
meanwhile, then checks the copy's integrity. --force overwrites an existing file.
PostgreSQL: prints the pg_dump command to run instead (pg_dump is the tool for it).
Example: npm run ecomarket -- backup backups/ecomarket-$(date +%F).sqlite`,
  options: { force: { type: 'boolean' } },
  async run(ctx) {
    const file = ctx.args[0];
    if (!file)
      throw new UsageError('backup needs the file to write, e.g. npm run ecomarket -- backup ecomarket-backup.sqlite');
    const target = path.resolve(file);
    if (ctx.config.databaseKind === 'postgres') {
      console.log(`This server uses PostgreSQL; back it up with pg_dump (the same major version as the server):

  pg_dump --format=custom --file=${JSON.stringify(target)} "$DATABASE_URL"

and restore it with:

  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" ${JSON.stringify(target)}

No backup was written by this command.`);
      return 1;
    }
    const source = ctx.config.sqliteFile;
    if (!fs.existsSync(source)) {
      console.error(`There is no database at ${source} yet (DATA_DIR=${ctx.config.dataDir}); nothing to back up.`);
      return 1;
    }
    if (fs.existsSync(target) && !ctx.values.force) {
      console.error(`${target} already exists; choose another file or add --force to overwrite it.`);
      return 1;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    const leftovers = ['', '-journal', '-wal', '-shm'].map((suffix) => partial + suffix);
    const removeLeftovers = () => leftovers.forEach((f) => fs.rmSync(f, { force: true }));
    // A run killed earlier (SIGKILL leaves no chance to clean up) left these; this run replaces them.
    removeLeftovers();
    const stop = new AbortController();
    const interrupted = (signal: NodeJS.Signals) => stop.abort(signal);
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
    try {
      await backupInOneStep(source, partial, stop.signal);
      const summary = inspectSqliteFile(partial);
      if (summary.integrity !== 'ok') {
        removeLeftovers();
        console.error(`The copy failed its integrity check (${summary.integrity}); nothing was written. Try again.`);
        return 1;
      }
      fs.renameSync(partial, target);
      console.log(
        `Backed up ${source}\n      to ${target} (${(fs.statSync(target).size / 1024).toFixed(0)} KiB): ${describeSummary(summary)}.`,
      );
      return 0;
    } catch (err) {
      removeLeftovers();
      if (!stop.signal.aborted) throw err;
      console.error(`Backup interrupted (${String(stop.signal.reason)}); nothing was written.`);
      return 130;
    } finally {
      process.off('SIGINT', interrupted);
      process.off('SIGTERM', interrupted);
    }
  },
};

/**
 * SQLite's online backup, every page in ONE step. Copied in small steps (the default, 100 pages)
 * the backup starts over whenever the server writes between two steps, and at about 10 writes a
 * second it never finished. One step reads one snapshot (the database is in WAL mode, so the server
 * keeps writing meanwhile) and ends. The step runs in a worker thread: the main thread stays free
 * to clean up on SIGINT/SIGTERM (tsx kills a child that does not answer a signal at once). The
 * copy is then made one self-contained file (no -wal/-shm beside it).
 */
export async function backupInOneStep(source: string, target: string, stop?: AbortSignal): Promise<void> {
  const worker = new Worker(BACKUP_WORKER, {
    eval: true,
    workerData: { sqlite: createRequire(import.meta.url).resolve('better-sqlite3'), source, target, pages: ALL_PAGES },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the backup stopped (worker exit ${code})`)));
      stop?.addEventListener('abort', () => reject(new Error('interrupted')), { once: true });
    });
  } finally {
    // Waits for a step under way to return, so the partial file is closed before it is removed.
    await worker.terminate();
  }
  const copy = new SQLite(target);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

const BACKUP_WORKER = `
const { parentPort, workerData: w } = require('node:worker_threads');
const db = new (require(w.sqlite))(w.source, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.backup(w.target, { progress: () => w.pages }).then(
  () => { db.close(); parentPort.postMessage('done'); },
  (err) => { db.close(); throw err; },
);
`;
