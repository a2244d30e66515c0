import { noAttempts, type PinAttemptState } from './pin-attempts';

/** One count of wrong PINs per tablet, shared by sign-in and approvals, so neither resets the other's wait. */
const ATTEMPTS_KEY = 'ecomarket.pin-attempts';

export function loadPinAttempts(): PinAttemptState {
  try {
    return (JSON.parse(localStorage.getItem(ATTEMPTS_KEY) ?? 'null') as PinAttemptState | null) ?? noAttempts;
  } catch {
    return noAttempts;
  }
}

export function savePinAttempts(state: PinAttemptState): void {
  localStorage.setItem(ATTEMPTS_KEY, JSON.stringify(state));
}
