import { z } from 'zod';
import { managerRoleSchema } from './manager-session';

/** Console ↔ server messages of people: administrators manage managers (cashiers: /api/console/branches/:id/cashiers). */

const id = z.string().trim().min(1).max(64);
const password = z.string().min(10, 'The password needs at least 10 characters.').max(200);
const branchIds = z.array(id).max(500);

export const managerViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: managerRoleSchema,
  /** 'all' for an administrator. */
  branchIds: z.union([z.array(z.string()), z.literal('all')]),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type ManagerView = z.infer<typeof managerViewSchema>;

/** GET /api/console/managers (administrators) */
export const managerListQuerySchema = z.object({
  branchId: id.optional(),
  includeDisabled: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const managerListResponseSchema = z.object({ managers: z.array(managerViewSchema) });

/** POST /api/console/managers (administrators) */
export const managerCreateSchema = z
  .object({
    email: z.string().trim().toLowerCase().email('Type the manager’s email address.').max(200),
    name: z.string().trim().min(1, 'Type the manager’s name.').max(200),
    role: managerRoleSchema.default('branch_manager'),
    branchIds: branchIds.default([]),
    password,
  })
  .refine((m) => m.role === 'admin' || m.branchIds.length > 0, {
    message: 'A branch manager needs at least one branch.',
    path: ['branchIds'],
  });

/** PATCH /api/console/managers/:id (administrators): name, branch scope, disabled. */
export const managerPatchSchema = z
  .object({ name: z.string().trim().min(1).max(200), branchIds: branchIds.min(1), disabled: z.boolean() })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Send at least one of name, branchIds, disabled.');

/** POST /api/console/managers/:id/reset-password (administrators): the manager's sessions end. */
export const passwordResetSchema = z.object({ password });
