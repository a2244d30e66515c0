import { z } from 'zod';

/** First-run setup: the code the server printed creates the first administrator (console ↔ server). */
export const SETUP_PATH = '/api/console/setup';

export const setupStatusResponseSchema = z.object({
  /** true while no active administrator exists: the console shows its setup page. */
  needed: z.boolean(),
});
export type SetupStatusResponse = z.infer<typeof setupStatusResponseSchema>;

export const setupRequestSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'Type the setup code the server printed when it started.')
    .max(40, 'The setup code is the one the server printed, like ABCD-EFGH-JKMN.'),
  email: z.string().trim().toLowerCase().email('Type an email address for the administrator.').max(200),
  name: z.string().trim().min(1, 'Type the administrator’s name.').max(200),
  password: z.string().min(10, 'The password needs at least 10 characters.').max(200),
});
export type SetupRequest = z.infer<typeof setupRequestSchema>;
