import type { QuickKeyView } from '../../../shared/console/quick-keys';
import { useT } from '../i18n/i18n';
import { quickKeysMessages } from './quick-keys-messages';

/** The page's keys in order: a short label each, moved up or down, or removed. */
export function QuickKeyList({
  keys,
  onChange,
  money,
}: {
  keys: QuickKeyView[];
  onChange: (keys: QuickKeyView[]) => void;
  money: (cents: number) => string;
}) {
  const t = useT(quickKeysMessages);
  const move = (i: number, by: number) => {
    const next = [...keys];
    const [key] = next.splice(i, 1);
    next.splice(i + by, 0, key!);
    onChange(next);
  };
  if (keys.length === 0) return <p className="hint">{t('empty')}</p>;
  return (
    <ol className="quick-key-list" aria-label={t('page')}>
      {keys.map((k, i) => (
        <li key={k.productId}>
          <span className="quick-key-name">
            <span className="sub">{t('position', { n: i + 1 })}</span>
            <span className="strong">{k.name}</span>
            <span className="sub">
              {k.sku} · {money(k.priceCents)}
            </span>
            {k.withdrawn && <span className="badge warning">{t('withdrawn')}</span>}
          </span>
          <input
            aria-label={t('label', { name: k.name })}
            maxLength={24}
            placeholder={k.name.slice(0, 24)}
            value={k.label}
            onChange={(e) => onChange(keys.map((x) => (x === k ? { ...k, label: e.target.value } : x)))}
          />
          <span className="quick-key-actions">
            <button type="button" aria-label={t('up', { name: k.name })} disabled={i === 0} onClick={() => move(i, -1)}>
              ↑
            </button>
            <button
              type="button"
              aria-label={t('down', { name: k.name })}
              disabled={i === keys.length - 1}
              onClick={() => move(i, 1)}
            >
              ↓
            </button>
            <button
              type="button"
              aria-label={t('remove', { name: k.name })}
              onClick={() => onChange(keys.filter((x) => x !== k))}
            >
              ✕
            </button>
          </span>
        </li>
      ))}
    </ol>
  );
}
