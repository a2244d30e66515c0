import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { deviceRenameSchema, type FleetDevice } from '../../../shared/console/fleet';
import { useT } from '../i18n/i18n';
import { useApi } from '../session/session-context';
import { Dialog } from '../ui/dialog';
import { ErrorNotice } from '../ui/error-notice';
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
  const [error, setError] = useState<unknown>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<{ name: string }>({ resolver: zodResolver(deviceRenameSchema), defaultValues: { name: device.name } });

  const submit = handleSubmit(async (body) => {
    setError(null);
    try {
      await api.patch(`/api/console/devices/${encodeURIComponent(device.id)}`, body);
      onRenamed();
    } catch (err) {
      setError(err);
    }
  });

  return (
    <Dialog title={t('renameTitle', { name: device.name })} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <label>
          {t('newName')}
          <input
            autoComplete="off"
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? 'rename-error' : undefined}
            {...register('name')}
          />
        </label>
        {errors.name && (
          <p id="rename-error" className="field-error">
            {t('nameMissing')}
          </p>
        )}
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary" disabled={isSubmitting}>
            {t('save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
