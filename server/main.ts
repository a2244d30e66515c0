import { describeConfig, loadConfig } from './config';
import { createLogger } from './logger';
import { startServer, storeNetworkUrls } from './start-server';
import { DEMO_BRANCH_ID } from './db/seed-demo';
import { setupCodeIfNeeded } from './auth/first-run-setup';

const config = loadConfig();
const logger = createLogger(config.logLevel);
logger.info({ config: describeConfig(config) }, 'starting EcoMarket central server');

const running = await startServer(config, logger);
const setup = await setupCodeIfNeeded(running.db);

const lanUrls = storeNetworkUrls(running.url, config.host);

console.log(`
EcoMarket central server is running (${config.databaseKind}${config.databaseKind === 'sqlite' ? `: ${config.sqliteFile}` : ''}).
${running.seeded ? `First start: created branch ${DEMO_BRANCH_ID} and the seed's demo catalogue.\n` : ''}
  POS for cashiers:   ${running.url}/pos${lanUrls.map((u) => `\n                      ${u}/pos  (store network)`).join('')}
  Health:             ${running.url}/api/health

Pair a tablet: run \`npm run ecomarket -- pair ${DEMO_BRANCH_ID}\` in another terminal, open the POS
on the tablet and type the code it prints (valid ${config.pairingCodeTtlMinutes} minutes, once).
Tablets install the app only from a secure origin (https, or localhost on the same machine).
`);
if (setup) {
  console.log(`No console administrator exists yet. Open ${running.url}/console and type this one-time setup code
to create the first one: ${setup.code}  (valid until ${new Date(setup.expiresAt).toLocaleString()};
\`npm run ecomarket -- setup-code\` prints a new one).
`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    void running.close().then(() => process.exit(0));
  });
}
