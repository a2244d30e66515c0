import { describe, expect, it } from 'vitest';
import { scanStart } from './use-barcode-wedge';

const at = (gaps: number[]) => gaps.reduce<number[]>((t, g) => [...t, t[t.length - 1]! + g], [0]);

describe('keyboard-wedge scan timing', () => {
  it('a scanner burst starts at its first key, even with one hiccup in the middle (a busy page)', () => {
    expect(scanStart(at([5, 5, 5, 5, 150, 5, 5, 5, 5, 5, 5, 5]))).toBe(0);
  });

  it('keys a person typed just before the scan are left out of the code', () => {
    // "pan" typed at 90 ms a key, then 13 digits at 8 ms.
    expect(scanStart(at([90, 90, 120, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8]))).toBe(3);
  });

  it('slow typing throughout has no fast part to start from: the caller then refuses it as a scan by its average', () => {
    const t = at([120, 130, 110, 140, 125, 135]);
    const start = scanStart(t);
    expect((t[t.length - 1]! - t[start]!) / (t.length - 1 - start)).toBeGreaterThan(50);
  });
});
