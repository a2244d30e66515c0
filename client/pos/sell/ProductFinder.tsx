import { useEffect, useMemo, useRef, useState } from 'react';
import type { ProductRow } from '../../sync/collections';
import type { CatalogueIndex } from '../catalogue-search/search-index';
import { formatProductQuantity } from '../../../shared/sale/quantity';
import { INTL_LOCALE, useI18n, useT } from '../i18n';
import type { QuickKey } from '../../../shared/protocol/quick-key';
import { CameraScanButton } from './CameraScanButton';
import { quickKeysMessages } from './quick-keys-messages';
import { QuickKeys, quickKeyProducts } from './QuickKeys';
import { sellMessages } from './sell-messages';
import { useSession } from '../session/session-context';
import { useDevice } from '../session/device-context';

const LIMIT = 60;
const NO_QUICK_KEYS: readonly QuickKey[] = [];

/** Find a product: type (name, SKU, barcode), browse a category, or scan with the camera. */
export function ProductFinder({
  index,
  version,
  ready,
  downloading,
  onAdd,
  onScan,
}: {
  index: CatalogueIndex<ProductRow>;
  version: number;
  ready: boolean;
  /** The first catalogue download is under way (its progress is in the sync bar). */
  downloading: boolean;
  onAdd: (p: ProductRow) => void;
  onScan: (code: string) => void;
}) {
  const { ledger, money } = useDevice();
  // The branch's favourites page (its settings); shown first while nothing is typed.
  const quickKeys = useSession().settings?.quickKeys ?? NO_QUICK_KEYS;
  const t = useT(sellMessages);
  const { locale } = useI18n();
  const q = useT(quickKeysMessages);
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [favouritesOn, setFavouritesOn] = useState(true);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const favourites = useMemo(() => quickKeyProducts(quickKeys, index), [quickKeys, index, version]);
  const showFavourites = favouritesOn && favourites.length > 0 && query.trim() === '';
  const typedAt = useRef<number | null>(null);

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const categories = useMemo(() => index.categories(), [index, version]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const result = useMemo(() => index.search(query, { limit: LIMIT, category }), [index, version, query, category]);

  useEffect(() => {
    // Keystroke → results on screen, for the POS benchmark (npm run bench:pos).
    if (typedAt.current === null) return;
    performance.measure('pos:search', { start: typedAt.current, end: performance.now() });
    typedAt.current = null;
  }, [result]);

  function submit() {
    const code = query.trim();
    if (!code) return;
    const exact = index.byBarcodeOrSku(code);
    if (exact) {
      onAdd(exact);
      setQuery('');
    } else if (result.items.length === 1 && !result.more) {
      onAdd(result.items[0]!);
      setQuery('');
    } else if (/^\d{4,}$/.test(code)) {
      onScan(code);
    }
  }

  return (
    <section className="catalogue" aria-label={t('search')}>
      <div className="finder-bar">
        <input
          type="search"
          className="search"
          aria-label={t('search')}
          placeholder={t('searchHint')}
          value={query}
          onChange={(e) => {
            typedAt.current = performance.now();
            setQuery(e.target.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.defaultPrevented) submit();
          }}
        />
        <CameraScanButton onScan={onScan} />
      </div>
      {categories.length > 0 && (
        <nav className="category-bar" aria-label={t('categories')}>
          {favourites.length > 0 && (
            <button type="button" aria-pressed={showFavourites} onClick={() => setFavouritesOn(true)}>
              ★ {q('favourites')}
            </button>
          )}
          <button
            type="button"
            aria-pressed={!showFavourites && category === null}
            onClick={() => (setFavouritesOn(false), setCategory(null))}
          >
            {t('allCategories')}
          </button>
          {categories.map((c) => (
            <button
              key={c.name}
              type="button"
              aria-pressed={!showFavourites && category === c.name}
              aria-label={t('category', { name: c.name })}
              onClick={() => (setFavouritesOn(false), setCategory(category === c.name ? null : c.name))}
            >
              {c.name} <span className="count">{c.count}</span>
            </button>
          ))}
        </nav>
      )}
      {!ready ? (
        <p className="hint">{t('loadingCatalogue')}</p>
      ) : index.size === 0 ? (
        <p className="hint">{t(downloading ? 'downloadingProducts' : 'noProducts')}</p>
      ) : result.items.length === 0 ? (
        <p className="hint">{t('noMatches', { query })}</p>
      ) : null}
      <p className="hint result-count" data-testid="catalogue-count" data-size={index.size}>
        {result.more ? t('moreResults') : t('results', { count: result.items.length })}
      </p>
      {showFavourites && <QuickKeys keys={favourites} onAdd={onAdd} />}
      <ul className="product-grid" style={showFavourites ? { display: 'none' } : undefined}>
        {result.items.map((p) => {
          const level = ledger.stock.get(p.id) ?? 0;
          return (
            <li key={p.id}>
              <button
                type="button"
                className="product"
                aria-label={t('addToCart', { name: p.name })}
                onClick={() => onAdd(p)}
              >
                <span className="product-name">{p.name}</span>
                <span className="product-price">{money(p.priceCents)}</span>
                <span className={level <= 0 ? 'product-stock low' : 'product-stock'} data-testid={`stock-${p.sku}`}>
                  {t('stock')}: {formatProductQuantity(level, p, INTL_LOCALE[locale])}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
