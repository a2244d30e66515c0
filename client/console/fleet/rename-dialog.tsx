import { useState } from 'react';
import { deviceRenameSchema, type FleetDevice } from '../../../shared/console/fleet';
import { useT } from '../i18n/i18n';
import { useApi } from '../session/session-context';
import { FormDialog } from '../ui/form-dialog';
import { TextField } from '../ui/text-field';
import { fleetMessages } from './fleet-messages';

export function RenameDialog({
  device,
  onClose,
  onRenamed,
}: {
  device: FleetDevice;
  onClose: () => void;
  onRenamed: () => void;
}) {
  const t = useT(fleetMessages);
  const api = useApi();
  const [name, setName] = useState(device.name);
  const parsed = deviceRenameSchema.safeParse({ name });

  return (
    <FormDialog
      title={t('renameTitle', { name: device.name })}
      submitLabel={t('save')}
      onClose={onClose}
      validate={() => !parsed.success && t('nameMissing')}
      onSubmit={async () => {
        await api.patch(`/api/console/devices/${encodeURIComponent(device.id)}`, parsed.data);
        onRenamed();
      }}
    >
      <TextField label={t('newName')} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
    </FormDialog>
  );
}
