import { useState } from 'react';
import type { BranchSettingsDoc, SaleLine } from '../../../shared/protocol';
import type { DevicePairing } from '../../sync/device-pairing';
import type { PosStore } from '../../sync/pos-database';
import { useBarcodeWedge } from '../sell/use-barcode-wedge';
import type { SaleRow } from '../../sync/collections';
import { useT } from '../i18n';
import { NoReceiptRefund } from './NoReceiptRefund';
import { RefundScreen } from './RefundScreen';
import { refundMessages } from './refund-messages';

/** The refunds section: the refund desk, with the scanner reading receipt barcodes. */
export function RefundDesk(props: {
  store: PosStore;
  pairing: DevicePairing;
  money: (c: number) => string;
  settings: BranchSettingsDoc | null;
  cashier: { id: string | null; name: string; shiftId: string | null };
  /** A receipt to look up on opening (from the ticket history). */
  initial: { code: string; at: number } | null;
  onExchange: (original: SaleRow, returned: SaleLine[]) => void;
}) {
  const { initial, onExchange, ...screen } = props;
  const t = useT(refundMessages);
  const [scanned, setScanned] = useState(initial);
  const [withoutReceipt, setWithoutReceipt] = useState<SaleRow | null>(null);
  useBarcodeWedge((code) => setScanned({ code, at: Date.now() }));
  return (
    <main className="sell single">
      <RefundScreen {...screen} scanned={scanned} onExchange={onExchange} />
      {withoutReceipt && (
        <p className="paid-title" role="status">
          ✓ {t('done')} · {withoutReceipt.receiptNumber}
        </p>
      )}
      <NoReceiptRefund {...screen} onDone={setWithoutReceipt} />
    </main>
  );
}
