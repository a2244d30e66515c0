import { useEffect, useRef } from 'react';
import { WedgeBursts } from './wedge-bursts';

function setNativeValue(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Listens on the whole page for a keyboard-wedge barcode scanner (the timing rule is in
 * wedge-bursts.ts). Normal typing (slower) is left alone; when a burst lands in a text field, what
 * the scanner typed there is taken back out (a person's keys just before it stay), and the code
 * goes to onScan.
 */
export function useBarcodeWedge(onScan: (code: string) => void, enabled = true): void {
  const handler = useRef(onScan);
  handler.current = onScan;
  useEffect(() => {
    if (!enabled) return;
    const bursts = new WedgeBursts();
    const onKey = (e: KeyboardEvent) => {
      const verdict = bursts.key(e);
      if (!verdict.scan) return;
      e.preventDefault();
      e.stopPropagation();
      if (verdict.target) setNativeValue(verdict.target, verdict.restore);
      handler.current(verdict.code);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
