import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scanStart, validGtin, WedgeBursts, type WedgeVerdict } from './wedge-bursts';

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

  it('checks GS1 check digits', () => {
    expect(validGtin('7501000099993')).toBe(true);
    expect(validGtin('7501000099991')).toBe(false);
    expect(validGtin('96385074')).toBe(true);
    expect(validGtin('036000291452')).toBe(true);
    expect(validGtin('abc')).toBe(false);
  });
});

/** Real key events through the detector, timed by vitest's fake clock (performance.now). */
describe('WedgeBursts with fake timers', () => {
  let wedge: WedgeBursts;
  let verdicts: WedgeVerdict[];
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['performance', 'Date', 'setTimeout'] });
    wedge = new WedgeBursts();
    verdicts = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const press = (key: string) =>
    verdicts.push(wedge.key({ key, ctrlKey: false, altKey: false, metaKey: false, target: null }));
  /** Types `text` a key every `gapMs`, the first key `gapMs` from now. */
  const type = (text: string, gapMs: number) => {
    for (const key of text) {
      vi.advanceTimersByTime(gapMs);
      press(key);
    }
  };
  const enter = (afterMs: number) => {
    vi.advanceTimersByTime(afterMs);
    press('Enter');
    return verdicts[verdicts.length - 1]!;
  };

  it('a scanner burst (keys 4 ms apart) ending in Enter is a scan of exactly its code', () => {
    type('7501000099993', 4);
    expect(enter(4)).toEqual({ scan: true, code: '7501000099993', target: null, restore: '' });
  });

  it('a person typing digits and Enter at a person’s pace is no scan', () => {
    type('7501000099993', 110);
    expect(enter(120)).toEqual({ scan: false });
  });

  it('a person’s last key a few milliseconds before the scanner’s first is left out (timing cannot tell; the check digit can)', () => {
    vi.advanceTimersByTime(1_000);
    type('pa', 110);
    type('n', 110);
    type('7', 12); // the scanner's first key, 12 ms after the person's "n"
    type('501000099993', 4);
    expect(enter(4)).toMatchObject({ scan: true, code: '7501000099993', restore: 'pan' });
  });

  it('many keys a person typed before a short scan do not set the pace: the scan’s own keys do', () => {
    // 8 keys at 90 ms, then an EAN-8 at 8 ms: over the whole burst the median gap is a person's.
    type('pan dulc', 90);
    type('96385074', 8);
    expect(enter(8)).toMatchObject({ scan: true, code: '96385074', restore: 'pan dulc' });
  });

  it('a scanner’s first key held back by a busy page still belongs to the code (its check digit says so)', () => {
    type('7', 4);
    type('5', 60);
    type('01000099993', 4);
    expect(enter(4)).toMatchObject({ scan: true, code: '7501000099993', restore: '' });
  });

  it('a shop’s own code (no check digit) scanned right after typing keeps to the timing', () => {
    type('xy', 100);
    type('A', 100);
    type('BC-1234', 5);
    expect(enter(5)).toMatchObject({ scan: true, code: 'ABC-1234', restore: 'xy' });
  });

  it('a pause longer than the burst gap before Enter is no scan', () => {
    type('7501000099993', 4);
    expect(enter(300)).toEqual({ scan: false });
  });
});
