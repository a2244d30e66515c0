import { useState } from 'react';
import type { PosDatabase } from '../../sync/collections';
import { recordShiftEvent, type Author } from '../../sync/device-documents';
import type { DevicePairing } from '../../sync/device-pairing';
import { useManagerApproval } from '../approval/approval-context';
import { useT } from '../i18n';
import { cashMessages } from './cash-messages';

/**
 * Opens the drawer with no sale: a supervisor approves on the tablet, and the open is recorded as
 * a `no_sale` event of the shift (it moves no cash; the X and Z reports count it).
 */
export function NoSaleButton({
  db,
  pairing,
  shiftId,
  author,
  onDone,
}: {
  db: PosDatabase;
  pairing: DevicePairing;
  shiftId: string;
  author: Author;
  onDone: (message: string, failed: boolean) => void;
}) {
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
