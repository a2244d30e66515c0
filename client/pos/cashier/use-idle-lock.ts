import { useEffect } from 'react';

/**
 * Locks the till after `seconds` without a touch, a key or a scan. Never in the middle of a
 * payment (the payment panel is open): the lock waits for the next idle stretch. The cart is
 * not touched by a lock.
 */
export function useIdleLock(seconds: number | null, active: boolean, lock: () => void): void {
  useEffect(() => {
    if (!active || !seconds) return;
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (document.querySelector('section.payment')) arm();
        else lock();
      }, seconds * 1000);
    };
    const events = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, arm, { passive: true });
    arm();
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, arm);
    };
  }, [seconds, active, lock]);
}
