import { parseArgs } from 'node:util';
import { configHelp, loadConfig } from '../config';
import { issuePairingCode } from '../auth/pairing';
import { migrateToLatest } from '../db/database';
import { seedDemoIfEmpty } from '../db/seed-demo';
import { openConfiguredDatabase } from '../start-server';

const HELP = `EcoMarket operator CLI

Usage: npm run ecomarket -- <command> [options]

Commands:
  pair <branch-id>     Print a one-time code that pairs one POS tablet with the branch.
  help                 Show this help.

Settings are read from the environment, as for the server:
${configHelp()}
`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  const [command, ...rest] = positionals;
  if (values.help || !command || command === 'help') {
    console.log(HELP);
    return command || values.help ? 0 : 1;
  }
  const config = loadConfig();
  const db = openConfiguredDatabase(config);
  try {
    await migrateToLatest(db);
    await seedDemoIfEmpty(db);
    switch (command) {
      case 'pair': {
        const branchId = rest[0];
        if (!branchId) {
          console.error('pair needs a branch id, e.g. npm run ecomarket -- pair sucursal-001');
          return 1;
        }
        const { code, expiresAt } = await issuePairingCode(db, branchId, config.pairingCodeTtlMinutes);
        console.log(`Pairing code for ${branchId}: ${code}\nType it on the tablet's POS screen before ${new Date(expiresAt).toLocaleString()}. It works once.`);
        return 0;
      }
      default:
        console.error(`Unknown command "${command}".\n\n${HELP}`);
        return 1;
    }
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  } finally {
    await db.destroy();
  }
}

process.exitCode = await main(process.argv.slice(2));
