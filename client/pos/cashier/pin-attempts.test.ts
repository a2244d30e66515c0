import { describe, expect, it } from 'vitest';
import { afterWrongPin, noAttempts, waitLeftMs } from './pin-attempts';

describe('PIN attempts back-off', () => {
  it('four wrong PINs cost nothing; the fifth makes the screen wait 30 s', () => {
    let s = noAttempts;
    for (let i = 0; i < 4; i++) s = afterWrongPin(s, 1000);
    expect(waitLeftMs(s, 1000)).toBe(0);
    s = afterWrongPin(s, 1000);
    expect(waitLeftMs(s, 1000)).toBe(30_000);
    expect(waitLeftMs(s, 31_000)).toBe(0);
  });

  it('each further miss doubles the wait, up to 5 minutes', () => {
    let s = noAttempts;
    for (let i = 0; i < 6; i++) s = afterWrongPin(s, 0);
    expect(waitLeftMs(s, 0)).toBe(60_000);
    for (let i = 0; i < 10; i++) s = afterWrongPin(s, 0);
    expect(waitLeftMs(s, 0)).toBe(300_000);
  });
});
