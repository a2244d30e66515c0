import { useEffect, useRef } from 'react';

/**
 * A keyboard-wedge scanner types a whole code in a burst; people do not type this fast. A burst
 * is keys less than 100 ms apart; it is a scan when it is at least 6 keys long, averages under
 * 50 ms a key (a 240-words-a-minute typist) and ends in Enter. The averages leave room for a
 * busy page, where key events reach the handler unevenly.
 */
const MAX_GAP_MS = 100;
const MAX_AVERAGE_GAP_MS = 50;
const MIN_LENGTH = 6;

interface Burst {
  chars: string[];
  first: number;
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
        const averageGap = b ? (now - b.first) / b.chars.length : Infinity;
        if (b && b.chars.length >= MIN_LENGTH && now - b.last <= MAX_GAP_MS && averageGap <= MAX_AVERAGE_GAP_MS) {
          e.preventDefault();
          e.stopPropagation();
          if (b.target) setNativeValue(b.target, b.valueBefore);
          handler.current(b.chars.join(''));
        }
        return;
      }
      if (e.key.length !== 1) return;
      if (burst && now - burst.last <= MAX_GAP_MS) {
        burst.chars.push(e.key);
        burst.last = now;
      } else {
        const target = editable(e.target);
        burst = { chars: [e.key], first: now, last: now, target, valueBefore: target?.value ?? '' };
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
