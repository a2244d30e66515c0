/** Wrong PINs allowed before the lock screen makes the cashier wait. */
export const FREE_ATTEMPTS = 5;
const FIRST_WAIT_MS = 30_000;
const MAX_WAIT_MS = 5 * 60_000;

export interface PinAttemptState {
  failures: number;
  /** Epoch ms before which no PIN is checked. */
  blockedUntil: number;
}

export const noAttempts: PinAttemptState = { failures: 0, blockedUntil: 0 };

/**
 * A wrong PIN. After 5 in a row the screen waits 30 s, doubling with each further miss (at most
 * 5 min), so guessing a 4-digit PIN on a stolen tablet takes days, and a slip costs a cashier little.
 */
export function afterWrongPin(state: PinAttemptState, now: number): PinAttemptState {
  const failures = state.failures + 1;
  if (failures < FREE_ATTEMPTS) return { failures, blockedUntil: 0 };
  const wait = Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_ATTEMPTS));
  return { failures, blockedUntil: now + wait };
}

export function waitLeftMs(state: PinAttemptState, now: number): number {
  return Math.max(0, state.blockedUntil - now);
}
