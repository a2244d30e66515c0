import { randomBytes } from 'node:crypto';
import {
  CSRF_HEADER,
  SESSION_COOKIE,
  type ManagerRole,
  type SessionResponse,
} from '../../shared/console/manager-session';
import { createManagerAccount } from '../auth/manager-accounts';
import type { Db } from '../db/database';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { request } from './test-server';

export interface TestManager {
  id: string;
  email: string;
  password: string;
  role: ManagerRole;
}

/**
 * A manager account straight in the database. A branch manager manages the demo branch unless
 * branchIds says otherwise.
 */
export async function createManager(
  db: Db,
  options: { role: ManagerRole; branchIds?: string[]; email?: string; password?: string; name?: string },
): Promise<TestManager> {
  const email = options.email ?? `${options.role}-${randomBytes(4).toString('hex')}@ecomarket.test`;
  const password = options.password ?? `pw-${randomBytes(9).toString('base64url')}`;
  const { id } = await createManagerAccount(db, {
    email,
    name: options.name ?? (options.role === 'admin' ? 'Admin Test' : 'Gerente Test'),
    role: options.role,
    branchIds: options.branchIds ?? (options.role === 'branch_manager' ? [DEMO_BRANCH_ID] : []),
    password,
  });
  return { id, email, password, role: options.role };
}

export interface SignedIn {
  /** `ecomarket_session=<token>`, ready for a Cookie header. */
  cookie: string;
  csrfToken: string;
  session: SessionResponse;
  /** Cookie and CSRF headers for request(..., { headers: signedIn.headers() }). */
  headers(): Record<string, string>;
}

/** Signs in over HTTP (POST /api/console/session) and keeps the session cookie. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<SignedIn> {
  const res = await request<SessionResponse>(baseUrl, '/api/console/session', { json: { email, password } });
  if (res.status !== 201) throw new Error(`sign-in failed with ${res.status}: ${JSON.stringify(res.body)}`);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!setCookie) throw new Error('sign-in answered without a session cookie');
  const cookie = setCookie.split(';')[0]!;
  return {
    cookie,
    csrfToken: res.body.csrfToken,
    session: res.body,
    headers: () => ({ cookie, [CSRF_HEADER]: res.body.csrfToken }),
  };
}

/** A signed-in session with the account behind it, as the test made it (its id, email and password). */
export interface SignedInManager extends SignedIn {
  account: TestManager;
}

/** A new manager account (as createManager makes it), signed in over HTTP: the usual start of a console test. */
export async function signedInManager(
  server: { db: Db; url: string },
  options: Parameters<typeof createManager>[1],
): Promise<SignedInManager> {
  const account = await createManager(server.db, options);
  return { ...(await signIn(server.url, account.email, account.password)), account };
}
