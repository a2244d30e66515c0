import fs from 'node:fs';
import type { RequestListener } from 'node:http';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { pairRequestSchema, PROTOCOL_VERSION, type HealthResponse } from '../shared/protocol';
import { pairDevice } from './auth/pairing';
import type { ServerConfig } from './config';
import type { Db } from './db/database';
import { ApiError, errorMiddleware, parseOrThrow } from './http/api-error';
import { failedAttemptLimit } from './http/rate-limit';
import { requestGuards } from './http/request-guards';
import { securityHeaders } from './http/security-headers';
import { apiDocsRoutes } from './http/api-docs-routes';
import { sessionRoutes } from './console/session-routes';
import { consoleDeviceRoutes } from './devices/console-device-routes';
import { deviceStatusRoutes } from './devices/device-status-routes';
import { ChangeBus } from './live/change-bus';
import { legacySaleFastPath } from './legacy/legacy-fast-path';
import { legacyRoutes } from './legacy/legacy-routes';
import { consoleStreamRoutes } from './console/stream-routes';
import { syncRoutes } from './sync/sync-routes';
import { pushRoutes } from './sync/push-routes';
import { ledgerRoutes } from './console/ledger-routes';
import { transferDraftRoutes } from './console/transfer-routes';
import { countRoutes } from './counts/count-routes';
import { catalogueRoutes } from './console/catalogue-routes';
import { reportRoutes } from './reports/report-routes';
import { setupRoutes } from './console/setup-routes';
import { fleetRoutes } from './console/fleet-routes';
import { productRoutes } from './console/product-routes';
import { stockRoutes } from './console/stock-routes';
import { peopleRoutes } from './console/people-routes';
import { quickKeyRoutes } from './console/quick-key-routes';
import { SERVER_VERSION } from './version';

export interface AppDeps {
  db: Db;
  config: ServerConfig;
  logger: Logger;
  bus?: ChangeBus;
}

export function createApp({ db, config, logger, bus = new ChangeBus() }: AppDeps): RequestListener {
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is a client's word unless a proxy the operator named (TRUST_PROXY) set it:
  // believed from anyone, it would let a client pick the IP its sign-in attempts are counted under.
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders());
  app.use(requestGuards());

  app.get('/api/health', (_req, res) => {
    const body: HealthResponse = {
      status: 'ok',
      version: SERVER_VERSION,
      protocolVersion: PROTOCOL_VERSION,
      database: config.databaseKind,
    };
    res.json(body);
  });

  app.post(
    '/api/devices/pair',
    express.json({ limit: '4kb' }),
    failedAttemptLimit({ db, limit: config.pairLimitPerIp, what: 'pairing' }),
    async (req, res) => {
      const body = parseOrThrow(pairRequestSchema, req.body, 'pairing request');
      const paired = await pairDevice(db, body.code, body.deviceName);
      logger.info({ deviceId: paired.deviceId, branchId: paired.branch.id }, 'device paired');
      res.status(201).json(paired);
    },
  );

  app.use('/api/console/session', sessionRoutes({ db, config, logger }));
  app.use('/api/console/setup', setupRoutes({ db, config, logger }));
  app.use('/api/devices/status', deviceStatusRoutes({ db, bus }));
  app.use('/api/console/devices', consoleDeviceRoutes({ db, logger, bus }));
  app.use('/api/console/stream', consoleStreamRoutes({ db, bus, heartbeatMs: config.heartbeatSeconds * 1000 }));
  app.use('/api/console', ledgerRoutes({ db, bus, logger }));
  app.use('/api/console', transferDraftRoutes({ db, bus, logger }));
  app.use('/api/console', countRoutes({ db, bus, logger }));
  app.use('/api/console', catalogueRoutes({ db, bus, logger }));
  app.use('/api/console/reports', reportRoutes({ db, bus, logger }));
  app.use('/api/console', fleetRoutes({ db, config, logger, bus }));
  app.use('/api/console', productRoutes({ db, bus, logger }));
  app.use('/api/console', stockRoutes({ db, bus, logger }));
  app.use('/api/console', peopleRoutes({ db, bus, logger }));
  app.use('/api/console', quickKeyRoutes({ db, bus, logger }));
  app.use('/api/sync/v1', pushRoutes({ db, bus, logger }));
  app.use(
    '/api/sync/v1',
    syncRoutes({ db, bus, logger, heartbeatMs: config.heartbeatSeconds * 1000, salesPullDays: config.salesPullDays }),
  );

  // The seed's central API for its Python branch prototype; an unknown key falls through to the plain 404.
  app.use('/legacy/:key', legacyRoutes({ db, bus, logger }));

  app.use('/api', apiDocsRoutes());
  app.use('/api', (req) => {
    throw new ApiError('NOT_FOUND', `There is no API endpoint ${req.method} ${req.originalUrl}.`);
  });

  serveClient(app, config.clientDir, logger);
  // Under /legacy FastAPI's own 404, the same for a wrong key as for a path the seed does not have.
  app.use('/legacy', (_req, res) => void res.status(404).json({ detail: 'Not Found' }));
  app.use((req) => {
    throw new ApiError('NOT_FOUND', `There is nothing at ${req.method} ${req.originalUrl}; check the address.`);
  });
  app.use(errorMiddleware(logger));
  // The seed prototype's one request per sale, answered before express (legacy-fast-path.ts).
  const legacySales = legacySaleFastPath({ db, bus, logger });
  return (req, res) => legacySales(req, res, () => void app(req, res));
}

/** The built web apps: hashed assets cached for good, the service worker and pages never. */
function serveClient(app: Express, clientDir: string, logger: Logger): void {
  const root = path.resolve(clientDir);
  const posIndex = path.join(root, 'pos', 'index.html');
  if (!fs.existsSync(posIndex)) {
    logger.warn({ root }, 'built client not found: run `npm run build` to serve the POS');
  }
  app.use('/assets', (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    res.setHeader('Allow', 'GET, HEAD');
    throw new ApiError('METHOD_NOT_ALLOWED', `Files under /assets are only read (GET), not ${req.method}.`);
  });
  app.use('/assets', express.static(path.join(root, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  app.use(
    express.static(root, {
      index: false,
      redirect: false,
      setHeaders: (res, file) => {
        if (file.endsWith('sw.js') || file.endsWith('.webmanifest') || file.endsWith('.html'))
          res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  app.get('/', (_req, res) => res.redirect('/pos'));
  app.get(['/pos', '/pos/{*splat}'], (_req, res) => {
    if (!fs.existsSync(posIndex)) {
      res.status(503).type('text').send('The POS is not built yet. Run `npm run build`, then reload.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    // dotfiles: the install path itself may hold a hidden folder (/opt/.releases/ecomarket); the
    // request cannot add one, since only this one file is ever sent.
    res.sendFile(posIndex, { dotfiles: 'allow' });
  });
  const consoleIndex = path.join(root, 'console', 'index.html');
  app.get(['/console', '/console/{*splat}'], (_req, res) => {
    if (!fs.existsSync(consoleIndex)) {
      res.status(503).type('text').send('The console is not built yet. Run `npm run build`, then reload.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(consoleIndex, { dotfiles: 'allow' });
  });
}
