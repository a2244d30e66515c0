import { useT } from '../i18n';
import { receiptMessages } from './receipt-messages';
import type { ReceiptWidth } from './receipt-width';

/**
 * The paper width (58 or 80 mm, remembered on the device) and the print button above whatever the
 * receipt printer prints: a ticket, an X or Z report. The page size follows the paper picked.
 */
export function PrintTools({
  width,
  setWidth,
  printLabel,
}: {
  width: ReceiptWidth;
  setWidth: (w: ReceiptWidth) => void;
  printLabel: string;
}) {
  const t = useT(receiptMessages);
  return (
    <>
      <div className="row receipt-tools">
        <div role="radiogroup" aria-label={t('printWidth')} className="segmented">
          {([58, 80] as ReceiptWidth[]).map((w) => (
            <label key={w}>
              <input type="radio" name="receipt-width" checked={width === w} onChange={() => setWidth(w)} /> {w} mm
            </label>
          ))}
        </div>
        <button type="button" onClick={() => window.print()}>
          {printLabel}
        </button>
      </div>
      <style>{`@page { size: ${width}mm auto; margin: 0; }`}</style>
    </>
  );
}
