import { useState } from 'react';
import type { SaleLine } from '../../../shared/protocol';
import type { SaleRow } from '../../sync/collections';
import { useT } from '../i18n';
import { useSession } from '../session/session-context';
import { useBarcodeWedge } from '../sell/use-barcode-wedge';
import { NoReceiptRefund } from './NoReceiptRefund';
import { RefundScreen } from './RefundScreen';
import { refundMessages } from './refund-messages';

/** The refunds section: the refund desk, with the scanner reading receipt barcodes. */
export function RefundDesk({
  initial,
  onExchange,
}: {
  /** A receipt to look up on opening (from the ticket history). */
  initial: { code: string; at: number } | null;
  onExchange: (original: SaleRow, returned: SaleLine[]) => void;
}) {
  const t = useT(refundMessages);
  const { author, shiftId } = useSession();
  const cashier = { id: author.cashierId, name: author.cashierName, shiftId };
  const [scanned, setScanned] = useState(initial);
  const [withoutReceipt, setWithoutReceipt] = useState<SaleRow | null>(null);
  useBarcodeWedge((code) => setScanned({ code, at: Date.now() }));
  return (
    <main className="sell single">
      <RefundScreen cashier={cashier} scanned={scanned} onExchange={onExchange} />
      {withoutReceipt && (
        <p className="paid-title" role="status">
          ✓ {t('done')} · {withoutReceipt.receiptNumber}
        </p>
      )}
      <NoReceiptRefund cashier={cashier} onDone={setWithoutReceipt} />
    </main>
  );
}
