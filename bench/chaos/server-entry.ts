/**
 * The server as the chaos run starts it in a child process (so it can be SIGKILLed): the real
 * startServer on the configured database; CHAOS_PG_SCHEMA keeps a PostgreSQL run in a schema of its own.
 */
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { createLogger } from '../../server/logger';
import { startServer } from '../../server/start-server';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const schema = process.env.CHAOS_PG_SCHEMA;
const db =
  config.databaseKind === 'postgres'
    ? openDatabase({ kind: 'postgres', databaseUrl: config.databaseUrl, ...(schema ? { pgSchema: schema } : {}) })
    : openDatabase({ kind: 'sqlite', sqliteFile: config.sqliteFile });
await startServer(config, logger, { db });
process.send?.('ready');
