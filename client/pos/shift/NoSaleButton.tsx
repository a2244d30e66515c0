import { useState } from 'react';
import { recordShiftEvent } from '../../sync/device-documents';
import { useManagerApproval } from '../approval/approval-context';
import { useT } from '../i18n';
import { cashMessages } from './cash-messages';
import { useDevice } from '../session/device-context';
import { useSession } from '../session/session-context';

/**
 * Opens the drawer with no sale: a supervisor approves on the tablet, and the open is recorded as
 * a `no_sale` event of the shift (it moves no cash; the X and Z reports count it).
 */
export function NoSaleButton({
  shiftId,
  onDone,
}: {
  shiftId: string;
  onDone: (message: string, failed: boolean) => void;
}) {
  const { db, pairing } = useDevice();
  const { author } = useSession();
  const t = useT(cashMessages);
  const approvals = useManagerApproval();
  const [busy, setBusy] = useState(false);

  async function open() {
    const approval = await approvals.request({ kind: 'no_sale', summary: t('noSaleSummary') });
    if (!approval) return;
    setBusy(true);
    try {
      await recordShiftEvent(db, pairing, {
        shiftId,
        kind: 'no_sale',
        amountCents: 0,
        reason: approval.reason,
        approval,
        author,
      });
      onDone(t('noSaleDone'), false);
    } catch (err) {
      onDone(err instanceof Error ? err.message : String(err), true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <button type="button" disabled={busy} onClick={() => void open()}>
      {t('noSale')}
    </button>
  );
}
