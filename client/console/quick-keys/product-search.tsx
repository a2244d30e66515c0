import { useEffect, useId, useState } from 'react';
import type { ConsoleProductView } from '../../../shared/console/catalogue';
import { useT } from '../i18n/i18n';
import { useApi } from '../session/session-context';
import { ErrorNotice } from '../ui/error-notice';
import { quickKeysMessages } from './quick-keys-messages';

/** Finds active products on the server as the manager types; each result has its own Add button. */
export function ProductSearch({
  isOnPage,
  onAdd,
  money,
}: {
  isOnPage: (productId: string) => boolean;
  onAdd: (p: ConsoleProductView) => void;
  money: (cents: number) => string;
}) {
  const t = useT(quickKeysMessages);
  const api = useApi();
  const id = useId();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; items: ConsoleProductView[] } | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) return setFound(null);
    const abort = new AbortController();
    const timer = setTimeout(() => {
      api
        .get<{ items: ConsoleProductView[] }>('/api/console/products', { query: q, limit: 8 }, abort.signal)
        .then((page) => {
          setError(null);
          setFound({ query: q, items: page.items });
        })
        .catch((err: unknown) => !abort.signal.aborted && setError(err));
    }, 200);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [api, query]);

  return (
    <div className="quick-key-search">
      <div className="field">
        <label htmlFor={id}>{t('search')}</label>
        <input
          id={id}
          type="search"
          placeholder={t('searchHint')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <ErrorNotice error={error} />
      {found && found.items.length === 0 && <p className="hint">{t('noMatches', { query: found.query })}</p>}
      {found && found.items.length > 0 && (
        <ul className="quick-key-results">
          {found.items.map((p) => (
            <li key={p.id}>
              <span>
                <span className="strong">{p.name}</span> <span className="sub">{p.sku}</span> {money(p.priceCents)}
              </span>
              {isOnPage(p.id) ? (
                <span className="hint">{t('already')}</span>
              ) : (
                <button type="button" aria-label={t('add', { name: p.name })} onClick={() => onAdd(p)}>
                  {t('addButton')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
