import { useMemo, useState } from 'react';
import type { DevicePairing } from '../../sync/device-pairing';
import type { SyncLedger } from '../../sync/displayed-stock-view';
import type { PosStore } from '../../sync/pos-database';
import type { SyncEngine } from '../../sync/sync-engine';
import { useCatalogueIndex } from '../catalogue-search/use-catalogue-index';
import { useSession } from '../session/session-context';
import { SyncStatusBar } from '../SyncStatusBar';
import { TopBar } from '../TopBar';
import { UpdateBanner } from '../UpdateBanner';
import { CartSection } from './CartSection';
import { cartTotals } from './draft-cart';
import { ProductFinder } from './ProductFinder';
import { SellNotice, type SellNoticeText } from './SellNotice';
import { useApprovedCharge } from './use-approved-charge';
import { useBarcodeWedge } from './use-barcode-wedge';
import { useCartEditing } from './use-cart-editing';
import { useCatalogueDownloading } from './use-catalogue-downloading';
import type { Checkout } from './use-checkout';
import './sell.css';

interface SellScreenProps {
  store: PosStore;
  pairing: DevicePairing;
  engine: SyncEngine;
  /** Displayed stock and pending documents, observed once by the shell for every screen. */
  ledger: SyncLedger;
  money: (cents: number) => string;
  cashierName: string;
  /** The cart and its charge; kept by the shell, so it survives a visit to another section. */
  checkout: Checkout;
}

/** The selling screen: the catalogue on one side, the cart and its charge on the other. */
export function SellScreen({ store, pairing, engine, ledger, money, cashierName, checkout }: SellScreenProps) {
  const { db } = store;
  const session = useSession();
  const { index, version, ready } = useCatalogueIndex(db);
  const downloading = useCatalogueDownloading(engine);
  const { cart, stage } = checkout;
  const [notice, setNotice] = useState<SellNoticeText | null>(null);
  const totals = useMemo(() => cartTotals(cart), [cart]);

  const editing = useCartEditing(checkout, index, pairing.branch.currency, setNotice);
  useBarcodeWedge(editing.scan);
  const author = { cashierId: session.cashier?.id ?? null, cashierName, shiftId: session.shiftId };
  const charge = useApprovedCharge(checkout, totals, author, money, setNotice);

  return (
    <div className="pos">
      <TopBar pairing={pairing} cashierName={cashierName} />
      <SyncStatusBar db={db} engine={engine} pending={ledger.pending} money={money} />
      <UpdateBanner cartEmpty={cart.lines.length === 0 && stage.kind !== 'payment'} />
      {notice && <SellNotice notice={notice} onDismiss={() => setNotice(null)} />}
      <main className="sell">
        <ProductFinder
          index={index}
          version={version}
          ready={ready}
          downloading={downloading}
          stock={ledger.stock}
          money={money}
          onAdd={(p) => editing.add(p)}
          onScan={editing.scan}
          quickKeys={session.settings?.quickKeys}
        />
        <CartSection
          checkout={checkout}
          totals={totals}
          stock={ledger.stock}
          money={money}
          branchName={pairing.branch.name}
          lineActions={editing.lineActions}
          onCharge={charge}
        />
      </main>
    </div>
  );
}
