import { useState } from 'react';
import { useT } from '../i18n';
import { ScreenMessage, type ScreenMessageText } from '../ScreenMessage';
import { deviceMessages } from './device-messages';
import { QueueRecoveryCard } from './QueueRecoveryCard';
import { StorageCard } from './StorageCard';
import { SyncHealthCard } from './SyncHealthCard';
import { ThisDeviceCard } from './ThisDeviceCard';

/** Sync health, storage safety and queue recovery for this tablet. */
export function DeviceScreen() {
  const t = useT(deviceMessages);
  const [message, setMessage] = useState<ScreenMessageText | null>(null);
  return (
    <main className="screen device" aria-labelledby="device-title">
      <h1 id="device-title">{t('title')}</h1>
      {message && <ScreenMessage message={message} />}
      <div className="device-grid">
        <ThisDeviceCard />
        <SyncHealthCard />
        <StorageCard />
        <QueueRecoveryCard onMessage={setMessage} />
      </div>
    </main>
  );
}
