import express, { Router } from 'express';
import type { Logger } from 'pino';
import {
  setupRequestSchema,
  setupStatusResponseSchema,
  type SetupStatusResponse,
} from '../../shared/console/first-run-setup';
import { sessionResponseSchema, type SessionResponse } from '../../shared/console/manager-session';
import { completeSetup, hasAdministrator } from '../auth/first-run-setup';
import { createSession, setSessionCookie, summaryOf } from '../auth/manager-session';
import type { ServerConfig } from '../config';
import type { Db } from '../db/database';
import { parseOrThrow } from '../http/api-error';
import { registerOperation } from '../http/openapi';
import { failedAttemptLimit } from '../http/rate-limit';

registerOperation({
  method: 'get',
  path: '/api/console/setup',
  summary: 'Whether the console still needs its first administrator',
  tags: ['console'],
  responses: { 200: { description: 'needed: true until an administrator exists.', body: setupStatusResponseSchema } },
});
registerOperation({
  method: 'post',
  path: '/api/console/setup',
  summary: 'Create the first administrator with the setup code the server printed',
  description:
    'Works only while no administrator exists. Signs the new administrator in (same cookie and CSRF token as POST /api/console/session). Failed attempts are rate limited per IP like sign-in (429 with Retry-After).',
  tags: ['console'],
  request: { body: setupRequestSchema },
  responses: {
    201: { description: 'Administrator created and signed in.', body: sessionResponseSchema },
    403: { description: 'Wrong, used or expired code.' },
    409: { description: 'An administrator exists already.' },
  },
});

/** /api/console/setup: first-run setup (DESIGN: the operator runs one command, then sets up in the browser). */
export function setupRoutes({ db, config, logger }: { db: Db; config: ServerConfig; logger: Logger }): Router {
  const router = Router();
  const perIp = failedAttemptLimit({ db, limit: config.signInLimitPerIp, what: 'setup' });

  router.get('/', async (_req, res) => {
    const body: SetupStatusResponse = { needed: !(await hasAdministrator(db)) };
    res.json(body);
  });

  router.post('/', express.json({ limit: '4kb' }), perIp, async (req, res) => {
    const body = parseOrThrow(setupRequestSchema, req.body, 'setup form');
    const { id } = await completeSetup(db, body);
    const session = await createSession(db, id, config.managerSessionHours);
    setSessionCookie(req, res, session.token, session.expiresAt);
    logger.info({ managerId: id, ip: req.ip }, 'first administrator created with the setup code');
    const response: SessionResponse = {
      manager: summaryOf({ id, name: body.name, email: body.email, role: 'admin', branchIds: 'all' }),
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
    };
    res.status(201).json(response);
  });
  return router;
}
