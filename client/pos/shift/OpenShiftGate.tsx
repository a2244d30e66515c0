import { useT } from '../i18n';
import { cashMessages } from './cash-messages';
import { OpenShiftForm } from './OpenShiftForm';
import './shift.css';

/** In place of the sell screen when the branch sells only with a shift open and none is. */
export function OpenShiftGate() {
  const t = useT(cashMessages);
  return (
    <main className="screen" aria-labelledby="required-shift-title">
      <section className="card required-shift">
        <h1 id="required-shift-title">{t('requiredTitle')}</h1>
        <p>{t('requiredHint')}</p>
        <OpenShiftForm />
      </section>
    </main>
  );
}
