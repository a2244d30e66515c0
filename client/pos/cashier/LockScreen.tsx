import { useState } from 'react';
import type { CashierRow } from '../../sync/collections';
import { useT } from '../i18n';
import type { SessionCashier } from '../session/session-context';
import { cashierMessages } from './cashier-messages';
import { PersonList } from './PersonList';
import { PersonPinForm } from './PersonPinForm';
import { usePinEntry } from './use-pin-entry';

/** PIN sign-in that works offline: the PIN is checked against the pulled hash on the tablet. */
export function LockScreen({ cashiers, onSignIn }: { cashiers: CashierRow[]; onSignIn: (c: SessionCashier) => void }) {
  const t = useT(cashierMessages);
  const [chosen, setChosen] = useState<CashierRow | null>(cashiers.length === 1 ? cashiers[0]! : null);
  const entry = usePinEntry();

  async function submit() {
    if (chosen && (await entry.submit(chosen))) onSignIn({ id: chosen.id, name: chosen.name, role: chosen.role });
  }

  return (
    <div className="lock" role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <div className="card lock-card">
        <h1 id="lock-title">{t('title')}</h1>
        {!chosen ? (
          <>
            <h2>{t('who')}</h2>
            {cashiers.length === 0 && <p className="hint">{t('noCashiers')}</p>}
            <PersonList people={cashiers} onChoose={setChosen} />
          </>
        ) : (
          <PersonPinForm
            entry={entry}
            label={t('pinFor', { name: chosen.name })}
            inputId="pin-input"
            submitLabel={t('enter')}
            back={cashiers.length > 1 ? { label: t('back'), onBack: () => setChosen(null) } : undefined}
            onSubmit={() => void submit()}
          />
        )}
      </div>
    </div>
  );
}
