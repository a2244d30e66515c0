import type { SaleRow } from '../../sync/collections';
import { useT } from '../i18n';
import { Receipt } from '../receipt/Receipt';
import { refundMessages } from './refund-messages';

/** The refund just made: its receipt, and the way to the next one. */
export function RefundDone({
  refund,
  refundOfReceipt,
  onAnother,
}: {
  refund: SaleRow;
  refundOfReceipt: string;
  onAnother: () => void;
}) {
  const t = useT(refundMessages);
  return (
    <section className="refund" aria-label={t('title')}>
      <p className="paid-title" role="status">
        ✓ {t('done')}
      </p>
      <Receipt sale={refund} refundOfReceipt={refundOfReceipt} />
      <button type="button" className="primary" onClick={onAnother}>
        {t('another')}
      </button>
    </section>
  );
}
