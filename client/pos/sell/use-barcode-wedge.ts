import { useEffect, useRef } from 'react';

/**
 * A keyboard-wedge scanner types a whole code in a burst; people do not type this fast. A burst
 * is keys less than 250 ms apart; it is a scan when it is at least 6 keys long, averages under
 * 50 ms a key (a 240-words-a-minute typist) and ends in Enter. Judging the average, not each gap,
 * leaves room for a busy page, where key events reach the handler unevenly.
 */
const MAX_GAP_MS = 250;
const MAX_AVERAGE_GAP_MS = 50;
const MIN_LENGTH = 6;

interface Burst {
  chars: string[];
  times: number[];
  last: number;
  /** The input the burst typed into and its value before the burst, to undo the scanner's typing. */
  target: HTMLInputElement | HTMLTextAreaElement | null;
  valueBefore: string;
}

function editable(el: EventTarget | null): HTMLInputElement | HTMLTextAreaElement | null {
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el : null;
}

function setNativeValue(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Where the scanner's keys begin in a burst: leading keys much slower than the burst's typical
 * pace (a person's last keystrokes right before a scan) are not part of the code.
 */
export function scanStart(times: readonly number[]): number {
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  if (gaps.length === 0) return 0;
  const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!;
  let start = 0;
  while (start < gaps.length - MIN_LENGTH + 1 && gaps[start]! > Math.max(40, 3 * median)) start++;
  return start;
}

/**
 * Listens on the whole page for a keyboard-wedge barcode scanner (see the timing rule above).
 * Normal typing (slower) is left alone; when a burst lands
 * in a text field, what the scanner typed there is taken back out, and the code goes to onScan.
 */
export function useBarcodeWedge(onScan: (code: string) => void, enabled = true): void {
  const handler = useRef(onScan);
  handler.current = onScan;
  useEffect(() => {
    if (!enabled) return;
    let burst: Burst | null = null;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      const now = e.timeStamp || performance.now();
      if (e.key === 'Enter') {
        const b = burst;
        burst = null;
        if (!b || now - b.last > MAX_GAP_MS) return;
        const start = scanStart(b.times);
        const averageGap = (now - b.times[start]!) / (b.chars.length - start);
        if (b.chars.length - start >= MIN_LENGTH && averageGap <= MAX_AVERAGE_GAP_MS) {
          e.preventDefault();
          e.stopPropagation();
          // Keys a person typed just before the scan stay where they were typed.
          const typed = b.chars.slice(0, start).join('');
          if (b.target) setNativeValue(b.target, b.valueBefore + typed);
          handler.current(b.chars.slice(start).join(''));
        }
        return;
      }
      if (e.key.length !== 1) return;
      if (burst && now - burst.last <= MAX_GAP_MS) {
        burst.chars.push(e.key);
        burst.times.push(now);
        burst.last = now;
      } else {
        const target = editable(e.target);
        burst = { chars: [e.key], times: [now], last: now, target, valueBefore: target?.value ?? '' };
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
