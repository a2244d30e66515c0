/**
 * Telling a keyboard-wedge scanner from a person (no DOM, no React: use-barcode-wedge.ts feeds it).
 *
 * A scanner types a whole code in a burst, its keys a few milliseconds apart, and ends it with
 * Enter; people do not type this fast. Keys less than MAX_GAP_MS apart are one burst (a busy page
 * delivers key events unevenly, so one late key must not split a scan). A burst is a scan when,
 * from where the scanner's keys begin, it is at least MIN_LENGTH keys long and averages under
 * MAX_AVERAGE_GAP_MS a key. A person's keys typed just before the scan (the search box) are not
 * part of the code: see scanStart.
 */
export const MAX_GAP_MS = 250;
const MAX_AVERAGE_GAP_MS = 50;
export const MIN_LENGTH = 6;
/**
 * A key followed by a gap slower than this is a person's, whatever the scan's pace. Not lower: on a
 * loaded tablet the scanner's first keys can reach the page tens of milliseconds apart.
 */
const PERSON_GAP_FLOOR_MS = 40;

/** A GS1 code (EAN-8, UPC-A, EAN-13, GTIN-14) whose check digit is right. */
export function validGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(code)) return false;
  const digits = [...code].map(Number);
  const check = digits.pop()!;
  const sum = digits.reverse().reduce((s, d, i) => s + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}

/**
 * Where the scanner's keys begin in a burst of `chars` typed at `times`. The scan ends the burst,
 * so its pace is the median gap of the burst's last MIN_LENGTH keys; leading keys followed by a
 * gap much slower than that pace are a person's. The last key a person typed can be followed by
 * the scanner's first one by chance within a few milliseconds, so timing alone cannot tell it:
 * when the code from there is not a valid GS1 code but one key later it is, that key was the
 * person's too (and the other way round: a scanner's first key held back by a busy page).
 */
export function scanStart(times: readonly number[], chars?: readonly string[]): number {
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  if (gaps.length === 0) return 0;
  const pace = median(gaps.slice(-(MIN_LENGTH - 1)));
  const personGap = Math.max(PERSON_GAP_FLOOR_MS, 4 * pace);
  let start = 0;
  while (start < gaps.length - MIN_LENGTH + 1 && gaps[start]! > personGap) start++;
  if (!chars) return start;
  // The check digit settles the boundary key either way: a person's key glued on by chance, or
  // the scanner's first key delayed by a busy page.
  const from = (i: number) => chars.slice(i).join('');
  if (validGtin(from(start))) return start;
  if (start < chars.length - MIN_LENGTH && validGtin(from(start + 1))) return start + 1;
  if (start > 0 && validGtin(from(start - 1))) return start - 1;
  return start;
}

/** What a key event tells the detector (a KeyboardEvent has all of it). */
export interface WedgeKey {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** Event time in ms; 0 or absent: now. */
  timeStamp?: number;
  target: EventTarget | null;
}

type TextField = HTMLInputElement | HTMLTextAreaElement;

interface Burst {
  chars: string[];
  times: number[];
  /** The field the burst typed into and its value before the burst, to undo the scanner's typing. */
  target: TextField | null;
  valueBefore: string;
}

export type WedgeVerdict =
  | { scan: false }
  /** A scan: `code` for onScan; the field, if any, must be set back to `restore` (the person's typing kept). */
  | { scan: true; code: string; target: TextField | null; restore: string };

function textField(el: EventTarget | null): TextField | null {
  if (typeof HTMLInputElement !== 'undefined' && el instanceof HTMLInputElement) return el;
  if (typeof HTMLTextAreaElement !== 'undefined' && el instanceof HTMLTextAreaElement) return el;
  return null;
}

/** The burst detector: feed it every key; on Enter it says whether the burst was a scan. */
export class WedgeBursts {
  private burst: Burst | null = null;

  key(e: WedgeKey): WedgeVerdict {
    if (e.ctrlKey || e.altKey || e.metaKey) return { scan: false };
    const now = e.timeStamp || performance.now();
    const b = this.burst;
    const last = b ? b.times[b.times.length - 1]! : -Infinity;
    if (e.key === 'Enter') {
      this.burst = null;
      if (!b || now - last > MAX_GAP_MS) return { scan: false };
      const start = scanStart(b.times, b.chars);
      const averageGap = (now - b.times[start]!) / (b.chars.length - start);
      if (b.chars.length - start < MIN_LENGTH || averageGap > MAX_AVERAGE_GAP_MS) return { scan: false };
      const typed = b.chars.slice(0, start).join('');
      return { scan: true, code: b.chars.slice(start).join(''), target: b.target, restore: b.valueBefore + typed };
    }
    if (e.key.length !== 1) return { scan: false };
    if (b && now - last <= MAX_GAP_MS) {
      b.chars.push(e.key);
      b.times.push(now);
    } else {
      const target = textField(e.target);
      this.burst = { chars: [e.key], times: [now], target, valueBefore: target?.value ?? '' };
    }
    return { scan: false };
  }
}
