import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import {
  CSRF_HEADER,
  SESSION_COOKIE,
  type ManagerRole,
  type ManagerSummary,
} from '../../shared/console/manager-session';
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import { parseBranchIds } from './manager-accounts';
import { newToken, sha256 } from './secrets';

export interface ManagerIdentity {
  id: string;
  name: string;
  email: string;
  role: ManagerRole;
  branchIds: string[] | 'all';
}

const managerKey = Symbol('manager');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A session's last_seen_at is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export function canManageBranch(manager: Pick<ManagerIdentity, 'branchIds'>, branchId: string): boolean {
  return manager.branchIds === 'all' || manager.branchIds.includes(branchId);
}

export function summaryOf(manager: ManagerIdentity): ManagerSummary {
  return { id: manager.id, name: manager.name, email: manager.email, role: manager.role, branchIds: manager.branchIds };
}

function sessionCookieValue(req: Request): string | null {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
    }
  }
  return null;
}

export function setSessionCookie(req: Request, res: Response, token: string, expiresAt: Date): void {
  // Secure whenever the browser reached us over https (directly or through a loopback proxy that
  // sets X-Forwarded-Proto); plain-http LAN installs would otherwise never keep the cookie.
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
}

export async function createSession(
  db: Db,
  managerId: string,
  ttlHours: number,
  now = new Date(),
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = newToken();
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000);
  // Sign-ins are rare: a good moment to forget sessions that ended.
  await db.deleteFrom('manager_sessions').where('expires_at', '<=', now.toISOString()).execute();
  await db
    .insertInto('manager_sessions')
    .values({
      token_hash: sha256(token),
      manager_id: managerId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      last_seen_at: now.toISOString(),
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export interface LoadedSession {
  manager: ManagerIdentity;
  csrfToken: string;
  expiresAt: string;
  tokenHash: string;
}

/** The live session behind the request's cookie, or null (no cookie, unknown, expired, account disabled). */
export async function loadSession(db: Db, req: Request, now = new Date()): Promise<LoadedSession | null> {
  const token = sessionCookieValue(req);
  if (!token) return null;
  const tokenHash = sha256(token);
  const nowIso = now.toISOString();
  const row = await db
    .selectFrom('manager_sessions')
    .innerJoin('managers', 'managers.id', 'manager_sessions.manager_id')
    .select([
      'managers.id',
      'managers.name',
      'managers.email',
      'managers.role',
      'managers.branch_ids',
      'managers.disabled_at',
      'manager_sessions.csrf_token',
      'manager_sessions.expires_at',
      'manager_sessions.last_seen_at',
    ])
    .where('manager_sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.disabled_at || row.expires_at <= nowIso) return null;
  if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    await db
      .updateTable('manager_sessions')
      .set({ last_seen_at: nowIso })
      .where('token_hash', '=', tokenHash)
      .execute();
  }
  return {
    manager: { id: row.id, name: row.name, email: row.email, role: row.role, branchIds: parseBranchIds(row) },
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
    tokenHash,
  };
}

/**
 * Console routes: a signed-in manager (401 otherwise), of the role asked for (403), and for
 * POST/PUT/PATCH/DELETE the session's CSRF token in header x-csrf-token (403). DESIGN invariant 8.
 */
export function requireManager(db: Db, options: { role?: 'admin' } = {}): RequestHandler {
  return async (req, _res, next) => {
    const session = await loadSession(db, req);
    if (!session)
      throw new ApiError(
        'UNAUTHENTICATED',
        'You are not signed in, or your session has expired: sign in to the console again.',
      );
    if (options.role === 'admin' && session.manager.role !== 'admin') {
      throw new ApiError('FORBIDDEN', 'Only an administrator can do this; ask an administrator of EcoMarket.');
    }
    if (!SAFE_METHODS.has(req.method) && req.get(CSRF_HEADER) !== session.csrfToken) {
      throw new ApiError(
        'FORBIDDEN',
        `This request lacks the console's security token (header ${CSRF_HEADER}); reload the console page and try again.`,
      );
    }
    (req as unknown as Record<symbol, ManagerIdentity>)[managerKey] = session.manager;
    next();
  };
}

export function managerOf(req: Request): ManagerIdentity {
  const manager = (req as unknown as Record<symbol, ManagerIdentity | undefined>)[managerKey];
  if (!manager) throw new Error('managerOf() used on a route without requireManager');
  return manager;
}

/** 403 unless the manager manages the branch. */
export function assertCanManageBranch(manager: ManagerIdentity, branchId: string): void {
  if (!canManageBranch(manager, branchId)) {
    throw new ApiError(
      'FORBIDDEN',
      `You do not manage branch ${branchId}; ask an administrator or that branch's manager.`,
    );
  }
}
