import { useState } from 'react';
import type { TransferRow } from '../../../shared/console/ledger-api';
import { formatQuantity } from '../../../shared/sale/quantity';
import type { Counted } from '../../../shared/sale/stock-quantity';
import { useLocale, useT } from '../i18n/i18n';
import { useApi } from '../session/session-context';
import { Dialog } from '../ui/dialog';
import { ErrorNotice } from '../ui/error-notice';
import { placeOptions, SelectField } from '../ui/select-field';
import { TransferLinesEditor, lineQuantity, type EditedLine } from './transfer-lines-editor';
import { transferMessages } from './transfer-messages';
import { FormProblem } from '../ui/form-problem';

/**
 * A new transfer, or a draft being edited: from, to, products, quantities in each product's unit. "Send" moves the
 * units at once (in transit until the destination confirms); "Save draft" moves nothing.
 */
export function NewTransferDialog({
  locations,
  draft,
  productName,
  productCounting,
  onClose,
  onSent,
}: {
  locations: { id: string; name: string }[];
  /** The draft to edit; absent for a new transfer. */
  draft?: TransferRow;
  productName?: (id: string) => string;
  /** How a draft's products are counted, to show their quantities in their unit. */
  productCounting?: (id: string) => Counted;
  onClose: () => void;
  onSent: (message: string) => void;
}) {
  const t = useT(transferMessages);
  const api = useApi();
  const { locale } = useLocale();
  const [from, setFrom] = useState(draft?.fromLocationId ?? locations[0]?.id ?? '');
  const [to, setTo] = useState(draft?.toLocationId ?? locations[1]?.id ?? '');
  const [lines, setLines] = useState<EditedLine[]>(
    () =>
      draft?.lines.map((l) => {
        const counted = productCounting?.(l.productId) ?? { unit: 'each', quantityDecimals: 0 };
        return {
          productId: l.productId,
          name: productName?.(l.productId) ?? l.productId,
          counted,
          quantity: formatQuantity(l.quantity, counted.quantityDecimals, locale),
        };
      }) ?? [],
  );
  const [note, setNote] = useState(draft?.note ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fromName = locations.find((l) => l.id === from)?.name ?? from;

  async function save(asDraft: boolean) {
    if (from === to) return setProblem(t('sameplace'));
    const quantities = lines.map(lineQuantity);
    if (lines.length === 0 || quantities.some((q) => q === null)) return setProblem(t('noLines'));
    setProblem(null);
    setBusy(true);
    setError(null);
    const body = {
      fromLocationId: from,
      toLocationId: to,
      lines: lines.map((l, i) => ({ productId: l.productId, quantity: quantities[i]! })),
      note,
    };
    try {
      if (!draft) await api.post('/api/console/transfers', { ...body, draft: asDraft });
      else {
        const path = `/api/console/transfers/${encodeURIComponent(draft.id)}`;
        await api.put(path, body);
        if (!asDraft) await api.post(`${path}/send`, {});
      }
      onSent(asDraft ? t('draftSaved') : t('sent', { from: fromName }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Dialog title={draft ? t('editDraft') : t('newTransfer')} onClose={onClose}>
      <div
        className="form"
        onChange={() => {
          // The problem named what was typed before this edit.
          setProblem(null);
          setError(null);
        }}
      >
        <div className="filters">
          <SelectField label={t('from')} value={from} onChange={setFrom} options={placeOptions(locations)} />
          <SelectField label={t('to')} value={to} onChange={setTo} options={placeOptions(locations)} />
        </div>
        <TransferLinesEditor lines={lines} onChange={setLines} />
        <div className="field">
          <label htmlFor="transfer-note">{t('note')}</label>
          <input id="transfer-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <FormProblem>{problem}</FormProblem>
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('cancelButton')}
          </button>
          <button type="button" disabled={busy} onClick={() => void save(true)}>
            {t('saveDraft')}
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void save(false)}>
            {busy ? t('sending') : t('send')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
