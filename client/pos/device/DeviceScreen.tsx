import { useState } from 'react';
import type { PosDatabase } from '../../sync/collections';
import type { DevicePairing } from '../../sync/device-pairing';
import type { PendingSummary } from '../../sync/displayed-stock-view';
import type { SyncEngine } from '../../sync/sync-engine';
import { useT } from '../i18n';
import { ScreenMessage, type ScreenMessageText } from '../ScreenMessage';
import { deviceMessages } from './device-messages';
import { QueueRecoveryCard } from './QueueRecoveryCard';
import { StorageCard } from './StorageCard';
import { SyncHealthCard } from './SyncHealthCard';
import { ThisDeviceCard } from './ThisDeviceCard';

/** Sync health, storage safety and queue recovery for this tablet. */
export function DeviceScreen({
  db,
  pairing,
  engine,
  pending,
  money,
}: {
  db: PosDatabase;
  pairing: DevicePairing;
  engine: SyncEngine;
  pending: PendingSummary;
  money: (c: number) => string;
}) {
  const t = useT(deviceMessages);
  const [message, setMessage] = useState<ScreenMessageText | null>(null);
  return (
    <main className="screen device" aria-labelledby="device-title">
      <h1 id="device-title">{t('title')}</h1>
      {message && <ScreenMessage message={message} />}
      <div className="device-grid">
        <ThisDeviceCard pairing={pairing} />
        <SyncHealthCard engine={engine} pending={pending} money={money} />
        <StorageCard />
        <QueueRecoveryCard db={db} pairing={pairing} engine={engine} onMessage={setMessage} />
      </div>
    </main>
  );
}
