import { z } from 'zod';

export const pairRequestSchema = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{4}-?[A-Z0-9]{4}$/, 'The pairing code has 8 letters or digits, like ABCD-1234.'),
  deviceName: z.string().trim().min(1).max(80),
});
export type PairRequest = z.infer<typeof pairRequestSchema>;

export const pairResponseSchema = z.object({
  deviceId: z.string(),
  deviceNumber: z.number().int().positive(),
  token: z.string(),
  branch: z.object({
    id: z.string(),
    name: z.string(),
    locationId: z.string(),
    receiptPrefix: z.string(),
    currency: z.string().length(3),
  }),
});
export type PairResponse = z.infer<typeof pairResponseSchema>;

/** The POS address parameter that carries a pairing code (the console's QR code opens /pos?pairingCode=…). */
export const POS_PAIRING_CODE_PARAM = 'pairingCode';
