import { useState } from 'react';
import { Link, useParams } from 'wouter';
import type { ConsoleProductView, PriceChange, PriceHistory, PriceRollout } from '../../../shared/console/catalogue';
import { useBranches } from '../api/use-branches';
import { useT } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useLiveQuery } from '../live/use-live-query';
import { useApi, useManager } from '../session/session-context';
import { ViewDialog } from '../ui/dialog';
import { ErrorNotice } from '../ui/error-notice';
import { TextField } from '../ui/text-field';
import { catalogueMessages } from './catalogue-messages';
import { toMinorUnits } from './product-form-values';
import { productMessages } from './product-messages';
import { zonedLocalToIso } from '../../../shared/console/reports-time';
import { CardForm } from '../ui/card-form';
import { DateTimeField, isLocalDateTime } from '../ui/date-time-field';
import { DataTable } from '../ui/grid-table';

/** One product: its price history, scheduled price changes with their rollout, and its resupply rule. */
export default function ProductPage() {
  const t = useT(productMessages);
  const tc = useT(catalogueMessages);
  const api = useApi();
  const isAdmin = useManager().role === 'admin';
  const { id = '' } = useParams<{ id: string }>();
  const { branches } = useBranches();
  const currency = branches[0]?.currency ?? 'USD';
  const timeZone = branches[0]?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const f = useFormat({ currency, timeZone });
  const base = `/api/console/products/${encodeURIComponent(id)}`;
  const product = useLiveQuery(`product:${id}`, (s) => api.get<ConsoleProductView>(base, {}, s), {
    collections: ['products', 'stockrules', 'prices'],
  });
  const prices = useLiveQuery(`prices:${id}`, (s) => api.get<PriceHistory>(`${base}/prices`, {}, s), {
    collections: ['products', 'prices', 'reconciliation'],
  });
  const [error, setError] = useState<unknown>(null);
  const [rollout, setRollout] = useState<PriceChange | null>(null);

  async function act(call: () => Promise<unknown>) {
    setError(null);
    try {
      await call();
      product.reload();
      prices.reload();
    } catch (err) {
      setError(err);
    }
  }

  const p = product.data;
  return (
    <section className="page" aria-labelledby="product-title">
      <Link href="/catalogue">{t('back')}</Link>
      <ErrorNotice error={product.error} />
      {!p && !product.error && <p role="status">{t('loading')}</p>}
      {p && (
        <>
          <div className="page-head">
            <h1 id="product-title">{p.name}</h1>
            <span className="sub">
              {tc('sku')} {p.sku} · {p.category}
            </span>
          </div>
          {p._deleted && (
            <p className="warning">
              {t('archived')}{' '}
              {isAdmin && (
                <button type="button" onClick={() => void act(() => api.post(`${base}/restore`))}>
                  {t('restore')}
                </button>
              )}
            </p>
          )}
          <p className="card">{t('price', { price: f.money(p.priceCents) })}</p>
          <ErrorNotice error={error} />
          <div className="columns">
            <div className="card">
              <h2>{t('changes')}</h2>
              {prices.data && prices.data.changes.length === 0 && <p className="hint">{t('noChanges')}</p>}
              <ul className="plain">
                {prices.data?.changes.map((c) => (
                  <li key={c.id}>
                    <span
                      className={
                        c.state === 'pending' ? 'badge muted' : c.state === 'applied' ? 'badge ok' : 'badge bad'
                      }
                    >
                      {t(`state_${c.state}`)}
                    </span>{' '}
                    {t('changeRow', {
                      previous: f.money(c.previousPriceCents),
                      price: f.money(c.priceCents),
                      when: f.dateTime(c.effectiveAt),
                    })}
                    <div className="row-actions">
                      {c.state !== 'cancelled' && (
                        <button
                          type="button"
                          aria-label={t('rollout', { price: f.money(c.priceCents) })}
                          onClick={() => setRollout(c)}
                        >
                          {t('rolloutShort')}
                        </button>
                      )}
                      {isAdmin && c.state === 'pending' && (
                        <button
                          type="button"
                          className="danger"
                          onClick={() =>
                            void act(() => api.delete(`${base}/price-changes/${encodeURIComponent(c.id)}`))
                          }
                        >
                          {t('cancelChange', { price: f.money(c.priceCents) })}
                        </button>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
              {isAdmin && !p._deleted && (
                <ScheduleForm
                  currency={currency}
                  timeZone={timeZone}
                  onSchedule={(body) => act(() => api.post(`${base}/price-changes`, body))}
                />
              )}
            </div>
            <div className="card">
              <h2>{t('history')}</h2>
              <DataTable columns={[t('since'), t('priceCol')]}>
                {prices.data?.history.map((h) => (
                  <tr key={`${h.seq}-${h.validFrom}`}>
                    <th scope="row">{f.dateTime(h.validFrom)}</th>
                    <td>{f.money(h.priceCents)}</td>
                  </tr>
                ))}
              </DataTable>
            </div>
            <RuleForm
              // Another manager's change to the rule replaces what the form shows.
              key={`${p.reorderMin ?? ''}:${p.reorderMax ?? ''}`}
              product={p}
              editable={isAdmin}
              onSave={(rule) => act(() => api.put(`${base}/stock-rule`, rule))}
            />
          </div>
        </>
      )}
      {rollout && <RolloutDialog base={base} change={rollout} onClose={() => setRollout(null)} />}
    </section>
  );
}

function ScheduleForm({
  currency,
  timeZone,
  onSchedule,
}: {
  currency: string;
  timeZone: string;
  onSchedule: (body: { priceCents: number; effectiveAt: string }) => Promise<void>;
}) {
  const t = useT(productMessages);
  const [price, setPrice] = useState('');
  const [when, setWhen] = useState('');
  const [problem, setProblem] = useState<'price' | 'when' | null>(null);
  return (
    <CardForm
      titleId="schedule-title"
      title={t('schedule')}
      level={3}
      className="form"
      submitLabel={t('scheduleButton')}
      tone="primary"
      validate={() => {
        const found = !/^\d{1,8}([.,]\d{1,2})?$/.test(price.trim()) ? 'price' : !isLocalDateTime(when) ? 'when' : null;
        setProblem(found);
        return found && (found === 'price' ? t('priceInvalid') : t('whenInvalid'));
      }}
      onSubmit={async () => {
        // The page shows a refusal; the form is emptied either way.
        await onSchedule({ priceCents: toMinorUnits(price), effectiveAt: zonedLocalToIso(when, timeZone) });
        setPrice('');
        setWhen('');
      }}
    >
      <TextField
        label={t('newPrice', { currency })}
        id="schedule-price"
        inputMode="decimal"
        value={price}
        onChange={(e) => setPrice(e.target.value)}
        aria-invalid={problem === 'price' || undefined}
      />
      <DateTimeField
        label={t('effectiveAt', { zone: timeZone })}
        id="schedule-when"
        value={when}
        onText={setWhen}
        aria-invalid={problem === 'when' || undefined}
      />
    </CardForm>
  );
}

function RuleForm({
  product,
  editable,
  onSave,
}: {
  product: ConsoleProductView;
  editable: boolean;
  onSave: (rule: { reorderMin: number | null; reorderMax: number | null }) => Promise<void>;
}) {
  const t = useT(productMessages);
  const [min, setMin] = useState(product.reorderMin?.toString() ?? '');
  const [max, setMax] = useState(product.reorderMax?.toString() ?? '');
  const num = (v: string) => (v.trim() === '' ? null : Number(v));
  const [a, b] = [num(min), num(max)];
  const limitField = (label: string, id: string, value: string, set: (v: string) => void) => (
    <TextField
      label={label}
      id={id}
      inputMode="numeric"
      value={value}
      disabled={!editable}
      onChange={(e) => set(e.target.value)}
    />
  );
  return (
    <CardForm
      titleId="rule-title"
      title={t('rule')}
      submitLabel={t('saveRule')}
      canSubmit={editable}
      validate={() =>
        (![min, max].every((v) => /^\d{0,9}$/.test(v.trim())) || (a !== null && b !== null && b < a)) &&
        t('ruleInvalid')
      }
      onSubmit={() => onSave({ reorderMin: a, reorderMax: b })}
    >
      {limitField(t('reorderMin'), 'rule-min', min, setMin)}
      {limitField(t('reorderMax'), 'rule-max', max, setMax)}
    </CardForm>
  );
}

function RolloutDialog({ base, change, onClose }: { base: string; change: PriceChange; onClose: () => void }) {
  const t = useT(productMessages);
  const api = useApi();
  const { branches } = useBranches();
  const f = useFormat({ currency: branches[0]?.currency, timeZone: branches[0]?.timeZone });
  const rollout = useLiveQuery(
    `rollout:${change.id}`,
    (s) => api.get<PriceRollout>(`${base}/price-changes/${encodeURIComponent(change.id)}/rollout`, {}, s),
    { collections: ['products', 'sales', 'reconciliation', 'devices'] },
  );
  const r = rollout.data;
  return (
    <ViewDialog title={t('rolloutTitle', { price: f.money(change.priceCents) })} onClose={onClose} wide>
      <ErrorNotice error={rollout.error} />
      {r && (
        <>
          <DataTable columns={[t('device'), t('hasNew'), t('reported')]}>
            {r.devices.map((d) => (
              <tr key={d.deviceId}>
                <th scope="row">{d.name}</th>
                <td>{d.hasNewPrice === null ? t('unknown') : d.hasNewPrice ? t('yes') : t('no')}</td>
                <td>{d.reportedAt ? f.dateTime(d.reportedAt) : t('unknown')}</td>
              </tr>
            ))}
          </DataTable>
          <h3>{t('oldSales')}</h3>
          {r.salesAtOldPrice.length === 0 ? (
            <p className="hint">{t('noOldSales')}</p>
          ) : (
            <ul className="plain">
              {r.salesAtOldPrice.map((s) => (
                <li key={s.itemId}>
                  <Link href={`/reconciliation/${encodeURIComponent(s.itemId)}`}>
                    {t('oldSale', {
                      receipt: s.receiptNumber ?? '—',
                      quantity: s.quantity ?? '—',
                      price: s.chargedUnitCents === null ? '—' : f.money(s.chargedUnitCents),
                      when: s.saleTime ? f.dateTime(s.saleTime) : '—',
                    })}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </ViewDialog>
  );
}
