import { useEffect, useRef } from 'react';

/**
 * The receipt number as a Code 128 barcode, so a wedge scanner reads it back at the refund
 * desk. JsBarcode is loaded on demand: it stays out of the selling screen's first load.
 */
export function ReceiptBarcode({ value }: { value: string }) {
  const svg = useRef<SVGSVGElement>(null);
  useEffect(() => {
    let cancelled = false;
    void import('jsbarcode').then(({ default: JsBarcode }) => {
      if (cancelled || !svg.current) return;
      JsBarcode(svg.current, value, { format: 'CODE128', displayValue: false, height: 40, width: 1.4, margin: 0 });
    });
    return () => {
      cancelled = true;
    };
  }, [value]);
  return <svg ref={svg} className="receipt-barcode" role="img" aria-label={value} />;
}
