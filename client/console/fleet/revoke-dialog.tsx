import { useState } from 'react';
import type { FleetDevice, RevokeResponse } from '../../../shared/console/fleet';
import { useT } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useApi } from '../session/session-context';
import { Dialog } from '../ui/dialog';
import { ErrorNotice } from '../ui/error-notice';
import { fleetMessages } from './fleet-messages';

/** Unpairing a tablet, with a warning that names its unsynced sales and their value when it still reports some. */
export function RevokeDialog({
  device,
  currency,
  onClose,
  onRevoked,
}: {
  device: FleetDevice;
  currency: string | undefined;
  onClose: () => void;
  onRevoked: (message: string) => void;
}) {
  const t = useT(fleetMessages);
  const f = useFormat({ currency });
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const pending = device.unsyncedCount;

  async function revoke() {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<RevokeResponse>(`/api/console/devices/${encodeURIComponent(device.id)}/revoke`);
      onRevoked(
        r.unsynced && r.unsynced.count > 0
          ? t('revokedDoneUnsynced', {
              name: device.name,
              count: f.number(r.unsynced.count),
              value: f.money(r.unsynced.valueCents),
            })
          : t('revokedDone', { name: device.name }),
      );
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('revokeTitle', { name: device.name })} onClose={onClose}>
      <p>{t('revokeBody')}</p>
      {pending > 0 && (
        <p className="warning" role="alert">
          {t('revokeUnsynced', { count: f.number(pending), value: f.money(device.unsyncedValueCents) })}
        </p>
      )}
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="button" onClick={onClose} autoFocus>
          {t('cancel')}
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void revoke()}>
          {pending > 0 ? t('revokeAnyway') : t('revokeConfirm')}
        </button>
      </div>
    </Dialog>
  );
}
