import { useState, type FormEvent } from 'react';
import { useT } from '../i18n';
import { cartTotals } from './draft-cart';
import type { ParkedCart } from './draft-store';
import { sellMessages } from './sell-messages';
import { useMoney } from '../session/device-context';

/**
 * Park the cart being rung up under a name and serve the next customer; take a parked cart back
 * once the current one is empty (charged or parked too).
 */
export function ParkedCarts({
  parked,
  canPark,
  canResume,
  onPark,
  onResume,
}: {
  parked: readonly ParkedCart[];
  canPark: boolean;
  canResume: boolean;
  onPark: (name: string) => void;
  onResume: (cartId: string) => void;
}) {
  const money = useMoney();
  const t = useT(sellMessages);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    onPark(name.trim() || t('parkDefaultName', { n: parked.length + 1 }));
    setNaming(false);
    setName('');
  }
  return (
    <div className="parked">
      {canPark &&
        (naming ? (
          <form className="row" onSubmit={submit} aria-label={t('park')}>
            <label className="park-name">
              {t('parkName')}
              <input
                value={name}
                maxLength={40}
                placeholder={t('parkDefaultName', { n: parked.length + 1 })}
                onChange={(e) => setName(e.target.value)}
                autoFocus
              />
            </label>
            <button type="submit" className="primary">
              {t('parkConfirm')}
            </button>
            <button type="button" onClick={() => setNaming(false)}>
              {t('cancel')}
            </button>
          </form>
        ) : (
          <button type="button" onClick={() => setNaming(true)}>
            {t('park')}
          </button>
        ))}
      {parked.length > 0 && (
        <section aria-label={t('parkedTitle')}>
          <h3>{t('parkedCount', { count: parked.length })}</h3>
          {!canResume && <p className="hint">{t('resumeHint')}</p>}
          <ul className="parked-list">
            {parked.map((p) => (
              <li key={p.cart.id}>
                <span>
                  <strong>{p.name}</strong> ·{' '}
                  {t('parkedSummary', {
                    count: p.cart.lines.reduce((n, l) => n + l.quantity, 0),
                    total: money(cartTotals(p.cart).totalCents),
                  })}
                </span>
                <button type="button" disabled={!canResume} onClick={() => onResume(p.cart.id)}>
                  {t('resume', { name: p.name })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
