import { useState } from 'react';
import type { DeviceHealth } from '../../../shared/console/device-health';
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
  device: DeviceHealth | null;
  currency: string | undefined;
  onClose: () => void;
  onRevoked: () => void;
}) {
  const t = useT(fleetMessages);
  const f = useFormat({ currency });
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const pending = device?.status?.pendingCount ?? 0;

  async function revoke() {
    if (!device) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/console/devices/${encodeURIComponent(device.id)}/revoke`);
      onRevoked();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={device !== null} title={t('revokeTitle', { name: device?.name ?? '' })} onClose={onClose}>
      <p>{t('revokeBody')}</p>
      {pending > 0 && (
        <p className="warning" role="alert">
          {t('revokeUnsynced', {
            count: f.number(pending),
            value: f.money(device?.status?.pendingValueCents ?? 0),
          })}
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
