import { useState } from 'react';
import type { TransferRow } from '../../../shared/console/ledger-api';
import type { Counted } from '../../../shared/sale/stock-quantity';
import { useT } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { ViewDialog } from '../ui/dialog';
import { ErrorNotice } from '../ui/error-notice';
import { CancelSection, DraftSection, ReceiveSection } from './transfer-actions';
import { transferMessages } from './transfer-messages';
import { statusBadge } from './transfer-status';
import { FormProblem } from '../ui/form-problem';

/**
 * One transfer: its lines; a draft can be edited, sent or cancelled; in transit, confirm what
 * arrived (counted) or cancel it with a reason.
 */
export function TransferDialog({
  transfer,
  productName,
  productCounting,
  placeName,
  onClose,
  onDone,
  onEdit,
}: {
  transfer: TransferRow;
  productName: (id: string) => string;
  productCounting: (id: string) => Counted;
  placeName: (id: string) => string;
  onClose: () => void;
  onDone: (message: string) => void;
  onEdit: () => void;
}) {
  const t = useT(transferMessages);
  const f = useFormat();
  const from = placeName(transfer.fromLocationId);
  const to = placeName(transfer.toLocationId);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const quantity = (id: string, q: number) => {
    const c = productCounting(id);
    return f.quantity(q, c.quantityDecimals, c.unit);
  };
  const received = new Map(transfer.receivedLines?.map((l) => [l.productId, l.quantity]));

  function run(call: () => Promise<string>) {
    setBusy(true);
    setError(null);
    call().then(onDone, (err: unknown) => {
      setError(err);
      setBusy(false);
    });
  }
  const shared = { transfer, busy, run };

  return (
    <ViewDialog title={t('details', { from, to })} onClose={onClose}>
      <p>
        <span className={statusBadge(transfer.status)}>{t(`status_${transfer.status}`)}</span>{' '}
        {transfer.sentAt
          ? t('sentOn', { when: f.dateTime(transfer.sentAt) })
          : t('writtenOn', { when: f.dateTime(transfer.createdAt) })}
        {transfer.note && ` · ${transfer.note}`}
      </p>
      <ul className="plain">
        {transfer.lines.map((l) => (
          <li key={l.productId}>
            {t('line', { quantity: quantity(l.productId, l.quantity), product: productName(l.productId) })}
            {received.has(l.productId) &&
              ` · ${t('receivedLine', { quantity: quantity(l.productId, received.get(l.productId)!) })}`}
          </li>
        ))}
      </ul>
      {transfer.status === 'draft' && <DraftSection {...shared} from={from} onEdit={onEdit} />}
      {transfer.status === 'in_transit' && (
        <ReceiveSection
          {...shared}
          productName={productName}
          productCounting={productCounting}
          onProblem={setProblem}
        />
      )}
      {(transfer.status === 'draft' || transfer.status === 'in_transit') && (
        <CancelSection {...shared} from={from} onProblem={setProblem} />
      )}
      <FormProblem>{problem}</FormProblem>
      <ErrorNotice error={error} />
    </ViewDialog>
  );
}
