import express, { Router } from 'express';
import type { Logger } from 'pino';
import { sessionResponseSchema, signInRequestSchema, type SessionResponse } from '../../shared/console/manager-session';
import { parseBranchIds } from '../auth/manager-accounts';
import { dummyPasswordHash, verifyPassword } from '../auth/manager-password';
import { clearSessionCookie, createSession, loadSession, setSessionCookie, summaryOf } from '../auth/manager-session';
import type { ServerConfig } from '../config';
import type { Db } from '../db/database';
import { ApiError, parseOrThrow } from '../http/api-error';
import { registerOperation } from '../http/openapi';
import { failedAttemptLimit } from '../http/rate-limit';

const WRONG_CREDENTIALS =
  'The email or the password is wrong. Check both and try again; an administrator can reset your password.';

registerOperation({
  method: 'post',
  path: '/api/console/session',
  summary: 'Sign in to the console',
  description:
    'Sets the HttpOnly, SameSite=Strict cookie ecomarket_session (Secure over https). Send csrfToken back as header x-csrf-token on every change. Failed attempts are rate limited per IP and per email (429 with Retry-After).',
  tags: ['console'],
  request: { body: signInRequestSchema },
  responses: { 201: { description: 'Signed in.', body: sessionResponseSchema } },
});
registerOperation({
  method: 'get',
  path: '/api/console/session',
  summary: 'Who is signed in (and the CSRF token again)',
  tags: ['console'],
  auth: 'manager',
  responses: { 200: { description: 'The signed-in manager.', body: sessionResponseSchema } },
});
registerOperation({
  method: 'delete',
  path: '/api/console/session',
  summary: 'Sign out',
  tags: ['console'],
  responses: { 204: { description: 'Signed out; the cookie is cleared.' } },
});

/** /api/console/session: sign in (POST), who am I (GET), sign out (DELETE). */
export function sessionRoutes({ db, config, logger }: { db: Db; config: ServerConfig; logger: Logger }): Router {
  const router = Router();
  const perIp = failedAttemptLimit({ db, limit: config.signInLimitPerIp, what: 'sign-in' });
  const perEmail = failedAttemptLimit({
    db,
    limit: config.signInLimitPerEmail,
    what: 'sign-in',
    key: (req) =>
      `email:${String((req.body as { email?: unknown } | undefined)?.email ?? '')
        .trim()
        .toLowerCase()}`,
  });

  router.post('/', express.json({ limit: '4kb' }), perIp, perEmail, async (req, res) => {
    const body = parseOrThrow(signInRequestSchema, req.body, 'sign-in form');
    const row = await db.selectFrom('managers').selectAll().where('email', '=', body.email).executeTakeFirst();
    const ok = await verifyPassword(body.password, row?.password_hash ?? (await dummyPasswordHash()));
    if (!row || !ok) {
      logger.warn({ email: body.email, ip: req.ip }, 'console sign-in refused');
      throw new ApiError('UNAUTHENTICATED', WRONG_CREDENTIALS);
    }
    if (row.disabled_at)
      throw new ApiError('FORBIDDEN', 'This account is disabled. Ask an administrator to enable it again.');
    const session = await createSession(db, row.id, config.managerSessionHours);
    setSessionCookie(req, res, session.token, session.expiresAt);
    logger.info({ managerId: row.id }, 'manager signed in');
    const response: SessionResponse = {
      manager: summaryOf({
        id: row.id,
        name: row.name,
        email: row.email,
        role: row.role,
        branchIds: parseBranchIds(row),
      }),
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
    };
    res.status(201).json(response);
  });

  router.get('/', async (req, res) => {
    const session = await loadSession(db, req);
    if (!session)
      throw new ApiError(
        'UNAUTHENTICATED',
        'You are not signed in, or your session has expired: sign in to the console again.',
      );
    const response: SessionResponse = {
      manager: summaryOf(session.manager),
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
    };
    res.json(response);
  });

  // Signing out needs no CSRF token: a forged sign-out only costs the manager a sign-in, and the
  // SameSite=Strict cookie is not sent cross-site anyway.
  router.delete('/', async (req, res) => {
    const session = await loadSession(db, req);
    if (session) await db.deleteFrom('manager_sessions').where('token_hash', '=', session.tokenHash).execute();
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  return router;
}
