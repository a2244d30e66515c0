import type { PosDatabase } from '../../sync/collections';
import type { Author } from '../../sync/device-documents';
import type { DevicePairing } from '../../sync/device-pairing';
import { useT } from '../i18n';
import { cashMessages } from './cash-messages';
import { OpenShiftForm } from './OpenShiftForm';
import './shift.css';

/** In place of the sell screen when the branch sells only with a shift open and none is. */
export function OpenShiftGate({ db, pairing, author }: { db: PosDatabase; pairing: DevicePairing; author: Author }) {
  const t = useT(cashMessages);
  return (
    <main className="screen" aria-labelledby="required-shift-title">
      <section className="card required-shift">
        <h1 id="required-shift-title">{t('requiredTitle')}</h1>
        <p>{t('requiredHint')}</p>
        <OpenShiftForm db={db} pairing={pairing} author={author} />
      </section>
    </main>
  );
}
