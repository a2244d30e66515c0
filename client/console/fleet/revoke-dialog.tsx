import type { FleetDevice, RevokeResponse } from '../../../shared/console/fleet';
import { useT } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useApi } from '../session/session-context';
import { FormDialog } from '../ui/form-dialog';
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
  const pending = device.unsyncedCount;

  async function revoke() {
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
  }

  return (
    <FormDialog
      title={t('revokeTitle', { name: device.name })}
      submitLabel={pending > 0 ? t('revokeAnyway') : t('revokeConfirm')}
      tone="danger"
      onClose={onClose}
      onSubmit={revoke}
    >
      <p>{t('revokeBody')}</p>
      {pending > 0 && (
        <p className="warning" role="alert">
          {t('revokeUnsynced', { count: f.number(pending), value: f.money(device.unsyncedValueCents) })}
        </p>
      )}
    </FormDialog>
  );
}
