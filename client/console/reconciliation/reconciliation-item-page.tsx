import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'wouter';
import { z } from 'zod';
import type { ReconciliationItem } from '../../../shared/console/ledger-api';
import {
  resolveRequestSchema,
  type ReconciliationHistory,
  type ResolveRequest,
} from '../../../shared/console/reconciliation';
import { usePlaces } from '../api/use-places';
import { useT } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useLiveQuery } from '../live/use-live-query';
import { useApi } from '../session/session-context';
import { ErrorNotice } from '../ui/error-notice';
import { itemSummary } from './item-summary';
import { reconciliationMessages } from './reconciliation-messages';

/** One reconciliation item: its figures, assignment, resolution (with a correcting entry) and history. */
export default function ReconciliationItemPage() {
  const t = useT(reconciliationMessages);
  const api = useApi();
  const { id = '' } = useParams<{ id: string }>();
  const { placeName, branchOfLocation } = usePlaces();
  const path = `/api/console/reconciliation/${encodeURIComponent(id)}`;
  const item = useLiveQuery(`reconciliation-item:${id}`, (signal) => api.get<ReconciliationItem>(path, {}, signal), {
    collections: ['reconciliation'],
  });
  const history = useLiveQuery(
    `reconciliation-history:${id}`,
    (signal) => api.get<ReconciliationHistory>(`${path}/history`, {}, signal),
    { collections: ['reconciliation'] },
  );
  const branch = item.data ? branchOfLocation(item.data.locationId) : undefined;
  const f = useFormat({ currency: branch?.currency, timeZone: branch?.timeZone });
  const [assignError, setAssignError] = useState<unknown>(null);
  const [assigning, setAssigning] = useState(false);

  async function assignToMe() {
    setAssigning(true);
    setAssignError(null);
    try {
      await api.post(`${path}/assign`, {});
      item.reload();
      history.reload();
    } catch (err) {
      setAssignError(err);
    } finally {
      setAssigning(false);
    }
  }

  const it = item.data;
  return (
    <section className="page" aria-labelledby="item-title">
      <Link href="/reconciliation">{t('back')}</Link>
      <ErrorNotice error={item.error} />
      {!it && !item.error && <p role="status">{t('loadingItem')}</p>}
      {it && (
        <>
          <div className="page-head">
            <h1 id="item-title">{t('detailTitle', { kind: t(`kind_${it.kind}`), place: placeName(it.locationId) })}</h1>
            <span
              className={it.status === 'resolved' ? 'badge ok' : it.status === 'open' ? 'badge bad' : 'badge muted'}
            >
              {t(`status_${it.status}`)}
            </span>
          </div>
          <p className="card">{itemSummary(it, t, f, placeName)}</p>
          <p className="hint">{t('opened', { when: f.dateTime(it.createdAt) })}</p>
          {it.assignedToName && it.assignedAt && it.status !== 'resolved' && (
            <p>{t('assignedTo', { name: it.assignedToName, when: f.dateTime(it.assignedAt) })}</p>
          )}
          {it.status === 'resolved' && (
            <p className="ok">
              {t('resolvedBy', {
                name: it.resolvedByName ?? '—',
                when: it.resolvedAt ? f.dateTime(it.resolvedAt) : '',
                note: it.resolutionNote ?? '',
              })}
            </p>
          )}
          {it.status !== 'resolved' && (
            <div className="actions start">
              <button type="button" disabled={assigning} onClick={() => void assignToMe()}>
                {assigning ? t('assigning') : t('assignMe')}
              </button>
            </div>
          )}
          <ErrorNotice error={assignError} />
          {it.status !== 'resolved' && (
            <ResolveForm
              item={it}
              place={placeName(it.locationId)}
              onResolved={() => {
                item.reload();
                history.reload();
              }}
            />
          )}
          <h2>{t('history')}</h2>
          <ErrorNotice error={history.error} />
          {history.data && (
            <ol className="history">
              {history.data.events.map((e) => (
                <li key={`${e.seq}-${e.kind}`}>
                  <span className="sub">{f.dateTime(e.at)}</span>
                  {e.kind === 'opened' && t('event_opened')}
                  {e.kind === 'assigned' &&
                    t('event_assigned', {
                      name: String(e.details.managerName ?? '—'),
                      actor: e.actorName ?? t('server'),
                    })}
                  {e.kind === 'resolved' &&
                    t('event_resolved', { actor: e.actorName ?? t('server'), note: e.note ?? '' })}
                  {e.kind === 'corrected' &&
                    t('event_corrected', {
                      delta: `${Number(e.details.delta) > 0 ? '+' : ''}${f.number(Number(e.details.delta))}`,
                      actor: e.actorName ?? t('server'),
                      level: f.number(Number(e.details.level)),
                    })}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

const formSchema = z
  .object({
    note: resolveRequestSchema.shape.note,
    withCorrection: z.boolean(),
    delta: z.string(),
  })
  .refine((v) => !v.withCorrection || (/^[-+]?\d{1,9}$/.test(v.delta.trim()) && Number(v.delta) !== 0), {
    path: ['delta'],
    message: 'delta',
  });
type ResolveForm = z.infer<typeof formSchema>;

function ResolveForm({ item, place, onResolved }: { item: ReconciliationItem; place: string; onResolved: () => void }) {
  const t = useT(reconciliationMessages);
  const api = useApi();
  const [error, setError] = useState<unknown>(null);
  const {
    register,
    handleSubmit,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<ResolveForm>({
    resolver: zodResolver(formSchema),
    defaultValues: { note: '', withCorrection: false, delta: '' },
  });
  const withCorrection = watch('withCorrection');

  const submit = handleSubmit(async (v) => {
    setError(null);
    const body: ResolveRequest = {
      note: v.note,
      ...(v.withCorrection && item.productId
        ? { correction: { locationId: item.locationId, productId: item.productId, delta: Number(v.delta) } }
        : {}),
    };
    try {
      await api.post(`/api/console/reconciliation/${encodeURIComponent(item.id)}/resolve`, body);
      onResolved();
    } catch (err) {
      setError(err);
    }
  });

  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby="resolve-title">
      <h2 id="resolve-title">{t('resolveHeading')}</h2>
      <label>
        {t('note')}
        <textarea
          rows={3}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={errors.note ? 'note-error' : undefined}
          {...register('note')}
        />
      </label>
      {errors.note && (
        <p id="note-error" className="field-error">
          {t('noteShort')}
        </p>
      )}
      {item.productId && (
        <label className="check">
          <input type="checkbox" {...register('withCorrection')} />
          {t('withCorrection')}
        </label>
      )}
      {withCorrection && (
        <>
          <label>
            {t('delta', { place })}
            <input
              inputMode="numeric"
              aria-invalid={errors.delta ? true : undefined}
              aria-describedby={errors.delta ? 'delta-error' : undefined}
              {...register('delta')}
            />
          </label>
          {errors.delta && (
            <p id="delta-error" className="field-error">
              {t('deltaInvalid')}
            </p>
          )}
        </>
      )}
      <ErrorNotice error={error} />
      <div className="actions start">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {isSubmitting ? t('resolving') : t('resolve')}
        </button>
      </div>
    </form>
  );
}
