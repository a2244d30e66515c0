import { useState } from 'react';
import { useLocation } from 'wouter';
import type { CountSummary } from '../../../shared/console/counts';
import { useT } from '../i18n/i18n';
import { useLiveQuery } from '../live/use-live-query';
import { useApi } from '../session/session-context';
import { ErrorNotice } from '../ui/error-notice';
import { placeOptions, SelectField } from '../ui/select-field';
import { countMessages } from './count-messages';

/** Starts a count of a location (every product, or one category) and opens its sheet. */
export function StartCountForm({ locations }: { locations: { id: string; name: string }[] }) {
  const t = useT(countMessages);
  const api = useApi();
  const [, navigate] = useLocation();
  const [chosen, setChosen] = useState('');
  const [category, setCategory] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const locationId = chosen || locations[0]?.id || '';
  const categories = useLiveQuery(
    'count-categories',
    (signal) =>
      api.get<{ categories: { name: string; products: number }[] }>('/api/console/products/categories', {}, signal),
    { collections: ['products'] },
  );

  async function start() {
    setBusy(true);
    setError(null);
    try {
      const count = await api.post<CountSummary>('/api/console/counts', {
        locationId,
        category: category || null,
        note,
      });
      navigate(`/counts/${encodeURIComponent(count.id)}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <div className="card form" role="group" aria-labelledby="start-count-title">
      <h2 id="start-count-title">{t('newCount')}</h2>
      <p className="hint">{t('startHelp')}</p>
      <div className="filters">
        <SelectField label={t('location')} value={locationId} onChange={setChosen} options={placeOptions(locations)} />
        <SelectField label={t('categoryField')} value={category} onChange={setCategory}>
          <option value="">{t('allProducts')}</option>
          {(categories.data?.categories ?? [])
            .filter((c) => c.name)
            .map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
        </SelectField>
        <div className="field grow">
          <label htmlFor="count-note">{t('note')}</label>
          <input id="count-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        </div>
      </div>
      <ErrorNotice error={error} />
      <div className="actions start">
        <button type="button" className="primary" disabled={busy || !locationId} onClick={() => void start()}>
          {t('start')}
        </button>
      </div>
    </div>
  );
}
