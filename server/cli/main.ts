import { parseArgs } from 'node:util';
import { configHelp, loadConfig } from '../config';
import { migrateToLatest, type Db } from '../db/database';
import { seedDemoIfEmpty } from '../db/seed-demo';
import { ApiError } from '../http/api-error';
import { openConfiguredDatabase } from '../start-server';
import { UsageError, type CliCommand } from './cli-command';

/** Every command, by name: one line each; the file exports `command: CliCommand`. */
const COMMANDS: Record<string, () => Promise<{ command: CliCommand }>> = {
  'create-admin': () => import('./commands/create-admin'),
  'create-manager': () => import('./commands/create-manager'),
  'reset-password': () => import('./commands/reset-password'),
  'disable-manager': () => import('./commands/disable-manager'),
  pair: () => import('./commands/pair'),
  devices: () => import('./commands/devices'),
  'revoke-device': () => import('./commands/revoke-device'),
  backup: () => import('./commands/backup'),
  restore: () => import('./commands/restore'),
  'legacy-key': () => import('./commands/legacy-key'),
  'demo-data': () => import('./commands/demo-data'),
  'setup-code': () => import('./commands/setup-code'),
};

async function overview(): Promise<string> {
  const commands = await Promise.all(Object.values(COMMANDS).map(async (load) => (await load()).command));
  const width = Math.max(...commands.map((c) => c.usage.length)) + 2;
  return `EcoMarket operator CLI

Usage: npm run ecomarket -- <command> [options]
       npm run ecomarket -- <command> --help

Commands:
${commands.map((c) => `  ${c.usage.padEnd(width)} ${c.summary}`).join('\n')}

Settings are read from the environment, as for the server:
${configHelp()}
`;
}

function commandHelp(c: CliCommand): string {
  return `Usage: npm run ecomarket -- ${c.usage}\n\n${c.summary}\n\n${c.help}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(await overview());
    return name ? 0 : 1;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`Unknown command "${name}".\n\n${await overview()}`);
    return 1;
  }
  const { command } = await load();
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { help: { type: 'boolean', short: 'h' }, ...command.options },
    });
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${commandHelp(command)}`);
    return 1;
  }
  if (parsed.values.help) {
    console.log(commandHelp(command));
    return 0;
  }
  let db: Db | null = null;
  try {
    const config = loadConfig();
    return await command.run({
      args: parsed.positionals,
      values: parsed.values,
      config,
      async openDb() {
        if (!db) {
          db = openConfiguredDatabase(config);
          await migrateToLatest(db);
          await seedDemoIfEmpty(db);
        }
        return db;
      },
    });
  } catch (err) {
    if (err instanceof UsageError) console.error(`${err.message}\n\n${commandHelp(command)}`);
    else if (err instanceof ApiError || err instanceof Error) console.error(err.message);
    else console.error(String(err));
    return 1;
  } finally {
    await (db as Db | null)?.destroy();
  }
}

process.exitCode = await main(process.argv.slice(2));
