import type { CashierRow } from '../../sync/collections';
import { useT } from '../i18n';
import { cashierMessages } from './cashier-messages';

/** The branch's people as big buttons, supervisors marked: whoever is about to type their PIN taps their name. */
export function PersonList({ people, onChoose }: { people: CashierRow[]; onChoose: (person: CashierRow) => void }) {
  const t = useT(cashierMessages);
  return (
    <ul className="cashier-list">
      {people.map((c) => (
        <li key={c.id}>
          <button type="button" className="cashier-button" onClick={() => onChoose(c)}>
            {c.name}
            {c.role === 'supervisor' && <small> · {t('supervisor')}</small>}
          </button>
        </li>
      ))}
    </ul>
  );
}
