import { useMemo, useState } from 'react';
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
import { useDevice } from '../session/device-context';
import './sell.css';

/** The selling screen: the catalogue on one side, the cart and its charge on the other. */
export function SellScreen({
  checkout,
}: {
  /** The cart and its charge; kept by the shell, so it survives a visit to another section. */
  checkout: Checkout;
}) {
  const { db, pairing, engine, money } = useDevice();
  const session = useSession();
  const { index, version, ready } = useCatalogueIndex(db);
  const downloading = useCatalogueDownloading(engine);
  const { cart, stage } = checkout;
  const [notice, setNotice] = useState<SellNoticeText | null>(null);
  const totals = useMemo(() => cartTotals(cart), [cart]);

  const editing = useCartEditing(checkout, index, pairing.branch.currency, setNotice);
  useBarcodeWedge(editing.scan);
  const author = { ...session.author, shiftId: session.shiftId };
  const charge = useApprovedCharge(checkout, totals, author, money, setNotice);

  return (
    <div className="pos">
      <TopBar />
      <SyncStatusBar />
      <UpdateBanner cartEmpty={cart.lines.length === 0 && stage.kind !== 'payment'} />
      {notice && <SellNotice notice={notice} onDismiss={() => setNotice(null)} />}
      <main className="sell">
        <ProductFinder
          index={index}
          version={version}
          ready={ready}
          downloading={downloading}
          onAdd={(p) => editing.add(p)}
          onScan={editing.scan}
        />
        <CartSection checkout={checkout} totals={totals} lineActions={editing.lineActions} onCharge={charge} />
      </main>
    </div>
  );
}
