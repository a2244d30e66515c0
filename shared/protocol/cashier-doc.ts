import { z } from 'zod';

/**
 * A cashier of the branch, replicated to its devices so PIN sign-in works offline. Only a slow
 * salted hash of the PIN travels (shared/auth/pin-hash.ts); the PIN itself never leaves the console.
 */
export const cashierDocSchema = z.object({
  id: z.string().min(1).max(64),
  branchId: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  role: z.enum(['cashier', 'supervisor']),
  pinHash: z.string().max(200),
  pinSalt: z.string().max(100),
  pinIterations: z.number().int().positive(),
  active: z.boolean(),
  _deleted: z.boolean(),
});
export type CashierDoc = z.infer<typeof cashierDocSchema>;
