import { z } from 'zod';

/** Console session messages (manager web console ↔ server); not part of the device protocol. */
const MANAGER_ROLES = ['admin', 'branch_manager'] as const;
export const managerRoleSchema = z.enum(MANAGER_ROLES);
export type ManagerRole = z.infer<typeof managerRoleSchema>;

export const signInRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email('Type the email address the administrator registered for you.').max(200),
  password: z.string().min(1, 'Type your password.').max(200),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

const managerSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: managerRoleSchema,
  /** The branches a branch manager manages; 'all' for an admin. */
  branchIds: z.union([z.array(z.string()), z.literal('all')]),
});
export type ManagerSummary = z.infer<typeof managerSummarySchema>;

export const sessionResponseSchema = z.object({
  manager: managerSummarySchema,
  /** Send it back as header x-csrf-token on every POST, PUT, PATCH and DELETE. */
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const SESSION_COOKIE = 'ecomarket_session';
export const CSRF_HEADER = 'x-csrf-token';
export const CONSOLE_SESSION_PATH = '/api/console/session';
