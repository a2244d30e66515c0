import { useEffect, useState } from 'react';
import type { ConsoleProductView } from '../../../shared/console/catalogue';
import type { CursorPage } from '../live/use-live-pages';
import { useT } from '../i18n/i18n';
import { useApi } from '../session/session-context';
import { Dialog } from '../ui/dialog';
import { ErrorNotice } from '../ui/error-notice';
import { SelectField } from '../ui/select-field';
import { transferMessages } from './transfer-messages';

interface Line {
  productId: string;
  name: string;
  quantity: string;
}

/** A new transfer: from, to, products found on the server, whole quantities; sending moves the units at once. */
export function NewTransferDialog({
  locations,
  onClose,
  onSent,
}: {
  locations: { id: string; name: string }[];
  onClose: () => void;
  onSent: (message: string) => void;
}) {
  const t = useT(transferMessages);
  const api = useApi();
  const [from, setFrom] = useState(locations[0]?.id ?? '');
  const [to, setTo] = useState(locations[1]?.id ?? '');
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<ConsoleProductView[]>([]);
  const [lines, setLines] = useState<Line[]>([]);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const q = search.trim();
    if (!q) return setFound([]);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .get<CursorPage<ConsoleProductView>>('/api/console/products', { query: q, limit: 8 }, controller.signal)
        .then((p) => setFound(p.items))
        .catch(() => undefined);
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, search]);

  async function send() {
    if (from === to) return setProblem(t('sameplace'));
    if (lines.length === 0 || lines.some((l) => !/^\d{1,9}$/.test(l.quantity.trim()) || Number(l.quantity) === 0))
      return setProblem(t('noLines'));
    setProblem(null);
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/console/transfers', {
        fromLocationId: from,
        toLocationId: to,
        lines: lines.map((l) => ({ productId: l.productId, quantity: Number(l.quantity) })),
        note,
      });
      onSent(t('sent', { from: locations.find((l) => l.id === from)?.name ?? from }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('newTransfer')} onClose={onClose}>
      <div className="form">
        <div className="filters">
          <SelectField label={t('from')} value={from} onChange={setFrom}>
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('to')} value={to} onChange={setTo}>
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="field">
          <label htmlFor="transfer-search">{t('addProduct')}</label>
          <input id="transfer-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        {found.length > 0 && (
          <ul className="plain">
            {found
              .filter((p) => !lines.some((l) => l.productId === p.id))
              .map((p) => (
                <li key={p.id}>
                  <button
                    type="button"
                    onClick={() => {
                      setLines((ls) => [...ls, { productId: p.id, name: p.name, quantity: '1' }]);
                      setSearch('');
                    }}
                  >
                    {t('add', { product: p.name })}
                  </button>
                </li>
              ))}
          </ul>
        )}
        {lines.map((l) => (
          <div className="line-row" key={l.productId}>
            <div className="field">
              <label htmlFor={`line-${l.productId}`}>{t('quantity', { product: l.name })}</label>
              <input
                id={`line-${l.productId}`}
                inputMode="numeric"
                value={l.quantity}
                onChange={(e) =>
                  setLines((ls) =>
                    ls.map((x) => (x.productId === l.productId ? { ...x, quantity: e.target.value } : x)),
                  )
                }
              />
            </div>
            <button
              type="button"
              className="ghost"
              onClick={() => setLines((ls) => ls.filter((x) => x.productId !== l.productId))}
            >
              {t('remove', { product: l.name })}
            </button>
          </div>
        ))}
        <div className="field">
          <label htmlFor="transfer-note">{t('note')}</label>
          <input id="transfer-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('cancelButton')}
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void send()}>
            {busy ? t('sending') : t('send')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
