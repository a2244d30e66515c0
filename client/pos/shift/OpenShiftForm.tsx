import { useState } from 'react';
import { openShift } from '../../sync/device-documents';
import { useT } from '../i18n';
import { useSession } from '../session/session-context';
import { AmountField } from './AmountField';
import { parseAmountToCents } from './parse-amount';
import { shiftMessages } from './shift-messages';
import { useDevice } from '../session/device-context';

/** Opens a shift with the float counted into the drawer; offline like everything on the till. */
export function OpenShiftForm() {
  const { db, pairing } = useDevice();
  const { author } = useSession();
  const t = useT(shiftMessages);
  const [floatText, setFloatText] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function open() {
    const cents = parseAmountToCents(floatText);
    if (cents === null) return setError(t('badAmount'));
    setError(null);
    try {
      await openShift(db, pairing, cents, author);
      setFloatText('');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <form
      className="row-form"
      onSubmit={(e) => {
        e.preventDefault();
        void open();
      }}
    >
      <AmountField id="shift-float" label={t('float')} value={floatText} onChange={setFloatText} />
      <button type="submit" className="primary">
        {t('open')}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
