import { useEffect, useMemo, useState } from 'react';
import type { SaleRow } from '../../sync/collections';
import { INTL_LOCALE, useI18n, useT } from '../i18n';
import { Receipt } from '../receipt/Receipt';
import { useDevice } from '../session/device-context';
import { historyMessages } from './history-messages';
import { startOfDay, ticketMatches } from './ticket-search';

const SHOWN = 100;

/**
 * Today's tickets of this tablet and those of the branch's other tills pulled here, newest first,
 * searchable by number, time, amount and product; one opens to be reprinted or refunded.
 */
export default function TicketHistory({ onRefund }: { onRefund: (receipt: string) => void }) {
  const { db, pairing, money } = useDevice();
  const t = useT(historyMessages);
  const { locale } = useI18n();
  const [tickets, setTickets] = useState<SaleRow[] | null>(null);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<SaleRow | null>(null);

  useEffect(() => {
    const sub = db.sales
      .find({ selector: { createdAt: { $gte: startOfDay(new Date()) } } })
      .$.subscribe((docs) =>
        setTickets(docs.map((d) => d.toJSON() as SaleRow).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))),
      );
    return () => sub.unsubscribe();
  }, [db]);

  const time = useMemo(() => {
    const f = new Intl.DateTimeFormat(INTL_LOCALE[locale], { hour: '2-digit', minute: '2-digit', hour12: false });
    return (iso: string) => f.format(new Date(iso));
  }, [locale]);
  const matches = useMemo(
    () => (tickets ?? []).filter((s) => ticketMatches(s, query, time(s.createdAt))),
    [tickets, query, time],
  );

  // The sale of an exchange reprints whole: what came back (its refund) and what went out (SPEC S14).
  const find = (id: string | null | undefined) => (id ? tickets?.find((s) => s.id === id) : undefined);
  const refund = find(open?.exchangeWith);
  const exchange = refund ? { refund, originalReceipt: find(refund.refundOf)?.receiptNumber ?? '—' } : null;

  if (open)
    return (
      <section className="card history-ticket" aria-label={open.receiptNumber}>
        <div className="row">
          <button type="button" onClick={() => setOpen(null)}>
            {t('close')}
          </button>
          {open.kind === 'sale' && (
            <button type="button" className="primary" onClick={() => onRefund(open.receiptNumber)}>
              {t('startRefund')}
            </button>
          )}
        </div>
        <Receipt sale={open} exchange={open.kind === 'sale' ? exchange : null} />
      </section>
    );

  return (
    <section className="card history" aria-label={t('title')}>
      <h2>{t('title')}</h2>
      <input
        type="search"
        className="search"
        aria-label={t('search')}
        placeholder={t('searchHint')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {tickets === null ? (
        <p className="hint">{t('loading')}</p>
      ) : tickets.length === 0 ? (
        <p className="hint">{t('none')}</p>
      ) : matches.length === 0 ? (
        <p className="hint">{t('noMatches', { query })}</p>
      ) : (
        <>
          <p className="hint" data-testid="history-count">
            {t('count', { count: matches.length })}
            {matches.length > SHOWN && ` · ${t('more', { shown: SHOWN })}`}
          </p>
          <ul className="history-list">
            {matches.slice(0, SHOWN).map((s) => (
              <li key={s.id}>
                <button type="button" aria-label={t('open', { receipt: s.receiptNumber })} onClick={() => setOpen(s)}>
                  <span className="history-time">{time(s.createdAt)}</span>
                  <strong>{s.receiptNumber}</strong>
                  <span>
                    {s.lines.map((l) => l.name).join(', ')} · {t('lines', { count: s.lines.length })}
                  </span>
                  {s.kind === 'refund' && <span className="badge">{t('refund')}</span>}
                  {s.deviceId !== pairing.deviceId && <span className="badge">{t('otherTill')}</span>}
                  <strong className="history-total">{money(s.totalCents)}</strong>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
