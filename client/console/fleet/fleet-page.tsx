import { useState } from 'react';
import type { DeviceHealth, DeviceListResponse } from '../../../shared/console/device-health';
import { useBranches } from '../api/use-branches';
import { useT } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useLiveQuery } from '../live/use-live-query';
import { useApi } from '../session/session-context';
import { ErrorNotice } from '../ui/error-notice';
import { useNow } from '../ui/use-now';
import { byAttention, DEFAULT_SYNC_ALERT_MINUTES, type AttentionReason } from './device-attention';
import { fleetMessages } from './fleet-messages';
import { RevokeDialog } from './revoke-dialog';

const PAGE_SIZE = 200;

/** The fleet board: every paired tablet's sync health, the ones needing attention first. */
export default function FleetPage() {
  const t = useT(fleetMessages);
  const api = useApi();
  const now = useNow();
  const { branches } = useBranches();
  const [branchId, setBranchId] = useState('');
  const [showRevoked, setShowRevoked] = useState(false);
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [revoking, setRevoking] = useState<DeviceHealth | null>(null);
  const alertMinutes = DEFAULT_SYNC_ALERT_MINUTES;

  const devices = useLiveQuery(
    `devices:${branchId}:${limit}`,
    (signal) => api.get<DeviceListResponse>('/api/console/devices', { branchId, limit }, signal),
    // A device's report arrives with its sales and status pushes.
    { collections: ['devices', 'sales', 'settings'] },
  );

  const rows = byAttention(devices.data?.devices ?? [], now, alertMinutes).filter(
    (r) => showRevoked || !r.device.revokedAt,
  );
  const needing = rows.filter((r) => r.reasons.length > 0).length;
  const currencyOf = (id: string) => branches.find((b) => b.id === id)?.currency;

  return (
    <section className="page" aria-labelledby="fleet-title">
      <div className="page-head">
        <h1 id="fleet-title">{t('title')}</h1>
      </div>
      <p className="hint">{t('intro')}</p>
      <div className="filters">
        {branches.length > 1 && (
          <label>
            {t('branchFilter')}
            <select value={branchId} onChange={(e) => setBranchId(e.target.value)}>
              <option value="">{t('allBranches')}</option>
              {branches.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="check">
          <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} />
          {t('showRevoked')}
        </label>
      </div>
      <ErrorNotice error={devices.error} />
      {devices.data && (
        <p role="status" className={needing ? 'warning' : 'ok'}>
          {rows.length === 0 ? t('none') : needing ? t('alertSummary', { count: needing }) : t('allGood')}
        </p>
      )}
      {rows.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="fleet-title" tabIndex={0}>
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">{t('device')}</th>
                <th scope="col">{t('state')}</th>
                <th scope="col">{t('unsynced')}</th>
                <th scope="col">{t('lastSync')}</th>
                <th scope="col">{t('lastSeen')}</th>
                <th scope="col">{t('version')}</th>
                <th scope="col">{t('storage')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ device, reasons }) => (
                <DeviceRow
                  key={device.id}
                  device={device}
                  reasons={reasons}
                  now={now}
                  alertMinutes={alertMinutes}
                  currency={currencyOf(device.branchId)}
                  onRevoke={() => setRevoking(device)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {devices.data?.nextOffset != null && (
        <button type="button" onClick={() => setLimit((l) => Math.min(500, l + PAGE_SIZE))}>
          {t('more')}
        </button>
      )}
      <RevokeDialog
        device={revoking}
        currency={revoking ? currencyOf(revoking.branchId) : undefined}
        onClose={() => setRevoking(null)}
        onRevoked={() => {
          setRevoking(null);
          devices.reload();
        }}
      />
    </section>
  );
}

function DeviceRow({
  device,
  reasons,
  now,
  alertMinutes,
  currency,
  onRevoke,
}: {
  device: DeviceHealth;
  reasons: AttentionReason[];
  now: number;
  alertMinutes: number;
  currency: string | undefined;
  onRevoke: () => void;
}) {
  const t = useT(fleetMessages);
  const f = useFormat({ currency });
  const s = device.status;
  const reasonText = (r: AttentionReason) => t(`reason_${r}`, { minutes: alertMinutes, count: s?.rejectedCount ?? 0 });
  return (
    <tr className={reasons.length ? 'attention' : undefined}>
      <th scope="row">
        <span className="strong">{device.name}</span>
        <span className="sub">
          {device.branchName} · #{device.number}
        </span>
      </th>
      <td>
        {device.revokedAt ? (
          <span className="badge muted">{t('revoked', { when: f.ago(device.revokedAt, now) })}</span>
        ) : (
          <>
            {s && (
              <span className={s.online ? 'badge ok' : 'badge bad'}>{s.online ? t('online') : t('offlineState')}</span>
            )}
            {reasons.length > 0 && (
              <ul className="reasons">
                {reasons
                  .filter((r) => r !== 'offline')
                  .map((r) => (
                    <li key={r}>{reasonText(r)}</li>
                  ))}
              </ul>
            )}
          </>
        )}
      </td>
      <td className="num">
        {!s
          ? t('unknown')
          : s.pendingCount === 0
            ? t('nothingPending')
            : t('unsyncedValue', { count: f.number(s.pendingCount), value: f.money(s.pendingValueCents) })}
      </td>
      <td>{s?.lastSyncAt ? f.dateTime(s.lastSyncAt) : t('never')}</td>
      <td>{device.lastSeenAt ? f.ago(device.lastSeenAt, now) : t('never')}</td>
      <td>{s?.appVersion ?? t('unknown')}</td>
      <td>
        {s?.storage.persisted == null ? t('unknown') : s.storage.persisted ? t('persistent') : t('notPersistent')}
      </td>
      <td>
        {!device.revokedAt && (
          <button type="button" className="danger" onClick={onRevoke}>
            {t('revoke', { name: device.name })}
          </button>
        )}
      </td>
    </tr>
  );
}
