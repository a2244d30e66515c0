import fs from 'node:fs';
import path from 'node:path';
import { copySqliteFile, describeSummary, inspectSqliteFile } from '../sqlite-file';
import { UsageError, type CliCommand } from '../cli-command';

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
    fs.rmSync(partial, { force: true });
    await copySqliteFile(source, partial);
    const summary = inspectSqliteFile(partial);
    if (summary.integrity !== 'ok') {
      console.error(`The copy failed its integrity check (${summary.integrity}); ${partial} is left for inspection.`);
      return 1;
    }
    fs.renameSync(partial, target);
    console.log(
      `Backed up ${source}\n      to ${target} (${(fs.statSync(target).size / 1024).toFixed(0)} KiB): ${describeSummary(summary)}.`,
    );
    return 0;
  },
};
