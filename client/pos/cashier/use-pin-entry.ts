import { useEffect, useState } from 'react';
import { verifyPin, type PinHash } from '../../../shared/auth/pin-hash';
import { loadPinAttempts, savePinAttempts } from './pin-attempt-store';
import { afterWrongPin, FREE_ATTEMPTS, noAttempts, waitLeftMs, type PinAttemptState } from './pin-attempts';

export interface PinEntry {
  pin: string;
  setPin: (update: (pin: string) => string) => void;
  checking: boolean;
  /** Milliseconds before another PIN is checked (0: none). */
  waitMs: number;
  /** Wrong PINs left before a wait, after a miss; null when nothing was missed. */
  triesLeft: number | null;
  /** Checks the typed PIN against the hash; true when it matches. */
  submit: (against: PinHash) => Promise<boolean>;
  reset: () => void;
}

/** A PIN typed on the tablet and checked offline, with the tablet's back-off after repeated misses. */
export function usePinEntry(): PinEntry {
  const [pin, setPinValue] = useState('');
  const [attempts, setAttempts] = useState<PinAttemptState>(loadPinAttempts);
  const [triesLeft, setTriesLeft] = useState<number | null>(null);
  const [checking, setChecking] = useState(false);
  const [now, setNow] = useState(Date.now());
  const waitMs = waitLeftMs(attempts, now);

  useEffect(() => {
    if (waitMs <= 0) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [waitMs]);

  function remember(next: PinAttemptState) {
    savePinAttempts(next);
    setAttempts(next);
  }

  async function submit(against: PinHash): Promise<boolean> {
    // Another screen may have counted misses meanwhile: the stored count is the truth.
    const current = loadPinAttempts();
    if (pin.length === 0 || checking || waitLeftMs(current, Date.now()) > 0) return false;
    setChecking(true);
    const ok = await verifyPin(pin, against);
    setChecking(false);
    setPinValue('');
    if (ok) {
      remember(noAttempts);
      setTriesLeft(null);
      return true;
    }
    const next = afterWrongPin(current, Date.now());
    remember(next);
    setNow(Date.now());
    setTriesLeft(waitLeftMs(next, Date.now()) > 0 ? null : FREE_ATTEMPTS - next.failures);
    return false;
  }

  return {
    pin,
    setPin: (update) => setPinValue((p) => update(p).replace(/\D/g, '').slice(0, 8)),
    checking,
    waitMs,
    triesLeft,
    submit,
    reset: () => (setPinValue(''), setTriesLeft(null)),
  };
}
