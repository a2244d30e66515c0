import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { copySqliteFile, describeSummary, inspectSqliteFile } from '../sqlite-file';
import { UsageError, type CliCommand } from '../cli-command';

/** True when something answers /api/health on the configured port of this machine. */
async function serverAnswers(port: number): Promise<boolean> {
  if (port === 0) return false;
  for (const scheme of ['http', 'https']) {
    try {
      await fetch(`${scheme}://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(1500) });
      return true;
    } catch {
      // nothing there (or not this scheme)
    }
  }
  return false;
}

export const command: CliCommand = {
  name: 'restore',
  summary: 'Replace the SQLite database with a backup file (server stopped, --force).',
  usage: 'restore <file> --force',
  help: `SQLite only. Checks the backup's integrity and that it is an EcoMarket database, refuses while
a server answers on PORT, keeps the current database as <file>.before-restore-<time>, then
copies the backup in. Without --force it only checks the backup and says what it would do.
Stop the server first, start it again afterwards (it migrates an older backup forward).
Devices paired after the backup was taken must be paired again; sales they still hold are
sent again and accepted (ingest is idempotent).
PostgreSQL: use pg_restore (see npm run ecomarket -- backup --help).`,
  options: { force: { type: 'boolean' } },
  async run(ctx) {
    const file = ctx.args[0];
    if (!file)
      throw new UsageError(
        'restore needs the backup file, e.g. npm run ecomarket -- restore ecomarket-backup.sqlite --force',
      );
    if (ctx.config.databaseKind === 'postgres') {
      console.error(
        'This server uses PostgreSQL: restore with pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" <file>.',
      );
      return 1;
    }
    const source = path.resolve(file);
    let summary;
    try {
      summary = inspectSqliteFile(source);
    } catch (err) {
      console.error(
        `${source} cannot be read as a SQLite database: ${err instanceof Error ? err.message : String(err)}`,
      );
      return 1;
    }
    if (summary.integrity !== 'ok') {
      console.error(`${source} failed its integrity check (${summary.integrity}); it cannot be restored.`);
      return 1;
    }
    if (!summary.migrations.includes('0001-initial') || summary.counts.sales === undefined) {
      console.error(`${source} is a SQLite file but not an EcoMarket database; nothing was changed.`);
      return 1;
    }
    const target = ctx.config.sqliteFile;
    console.log(`Backup ${source}: integrity ok; ${describeSummary(summary)}.`);
    if (!ctx.values.force) {
      console.error(`Add --force to replace ${target} with it (the current database is kept beside it first).`);
      return 1;
    }
    if (await serverAnswers(ctx.config.port)) {
      console.error(`A server answers on port ${ctx.config.port}: stop it first, then run restore again.`);
      return 1;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (fs.existsSync(target)) {
      const keep = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await copySqliteFile(target, keep);
      console.log(`Kept the current database as ${keep}.`);
    }
    const backup = new SQLite(source, { readonly: true, fileMustExist: true });
    try {
      await backup.backup(target);
    } finally {
      backup.close();
    }
    console.log(`Restored ${target} from the backup. Start the server again.`);
    return 0;
  },
};
