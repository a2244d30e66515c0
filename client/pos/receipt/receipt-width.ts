import { useState } from 'react';

export type ReceiptWidth = 58 | 80;
const KEY = 'ecomarket.receiptWidth';

/** The printer's paper width, picked by the cashier once and remembered on this device. */
export function useReceiptWidth(): [ReceiptWidth, (w: ReceiptWidth) => void] {
  const [width, setWidth] = useState<ReceiptWidth>(() => (localStorage.getItem(KEY) === '58' ? 58 : 80));
  return [
    width,
    (w) => {
      localStorage.setItem(KEY, String(w));
      setWidth(w);
    },
  ];
}
