import { useState } from 'react';
import type { BranchSettingsDoc } from '../../../shared/protocol';
import type { DevicePairing } from '../../sync/device-pairing';
import type { PosStore } from '../../sync/pos-database';
import { useBarcodeWedge } from '../sell/use-barcode-wedge';
import { RefundScreen } from './RefundScreen';

/** The refunds section: the refund desk, with the scanner reading receipt barcodes. */
export function RefundDesk(props: {
  store: PosStore;
  pairing: DevicePairing;
  money: (c: number) => string;
  settings: BranchSettingsDoc | null;
  cashier: { id: string | null; name: string; shiftId: string | null };
  /** A receipt to look up on opening (from the ticket history). */
  initial: { code: string; at: number } | null;
}) {
  const { initial, ...screen } = props;
  const [scanned, setScanned] = useState(initial);
  useBarcodeWedge((code) => setScanned({ code, at: Date.now() }));
  return (
    <main className="sell single">
      <RefundScreen {...screen} scanned={scanned} />
    </main>
  );
}
