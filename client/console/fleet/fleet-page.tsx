import { useState } from 'react';
import type { FleetDevice, FleetResponse } from '../../../shared/console/fleet';
import { useBranches } from '../api/use-branches';
import { useT } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useLiveQuery } from '../live/use-live-query';
import { useApi } from '../session/session-context';
import { DoneNotice } from '../ui/done-notice';
import { ErrorNotice } from '../ui/error-notice';
import { CheckField } from '../ui/check-list';
import { GridTable } from '../ui/grid-table';
import { PageSection } from '../ui/page-section';
import { placeOptions, SelectField } from '../ui/select-field';
import { useNow } from '../ui/use-now';
import { NameWithDetail } from '../ui/name-with-detail';
import { fleetMessages } from './fleet-messages';
import { PairDialog } from './pair-dialog';
import { RenameDialog } from './rename-dialog';
import { RevokeDialog } from './revoke-dialog';

const PAGE_SIZE = 50;

/** The fleet board: every paired tablet's sync health, ordered by the server with the ones needing attention first. */
export default function FleetPage() {
  const t = useT(fleetMessages);
  const api = useApi();
  const now = useNow();
  const { branches } = useBranches();
  const [branchId, setBranchId] = useState('');
  const [attentionOnly, setAttentionOnly] = useState(false);
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const [offset, setOffset] = useState(0);
  const [pairing, setPairing] = useState(false);
  const [renaming, setRenaming] = useState<FleetDevice | null>(null);
  const [revoking, setRevoking] = useState<FleetDevice | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const query = { branchId, attention: attentionOnly || undefined, includeRevoked: includeRevoked || undefined };
  const fleet = useLiveQuery(
    `fleet:${JSON.stringify(query)}:${offset}`,
    (signal) => api.get<FleetResponse>('/api/console/fleet', { ...query, offset, limit: PAGE_SIZE }, signal),
    // Devices report with their pushes; pairing, renaming and revoking change the list too.
    { collections: ['devices', 'sales', 'settings'] },
  );
  const filter = (set: () => void) => {
    set();
    setOffset(0);
  };
  const currencyOf = (id: string) => branches.find((b) => b.id === id)?.currency;
  const data = fleet.data;

  return (
    <PageSection
      titleId="fleet-title"
      title={t('title')}
      actions={
        <button type="button" className="primary" onClick={() => setPairing(true)}>
          {t('pair')}
        </button>
      }
    >
      <p className="hint">{t('intro')}</p>
      <div className="filters">
        {branches.length > 1 && (
          <SelectField
            label={t('branchFilter')}
            value={branchId}
            onChange={(v) => filter(() => setBranchId(v))}
            all={t('allBranches')}
            options={placeOptions(branches)}
          />
        )}
        <CheckField
          label={t('attentionOnly')}
          checked={attentionOnly}
          onChange={(on) => filter(() => setAttentionOnly(on))}
        />
        <CheckField
          label={t('showRevoked')}
          checked={includeRevoked}
          onChange={(on) => filter(() => setIncludeRevoked(on))}
        />
      </div>
      <DoneNotice>{notice}</DoneNotice>
      <ErrorNotice error={fleet.error} />
      {data && (
        <p role="status" className={data.alertCount ? 'error' : data.attentionCount ? 'warning' : 'ok'}>
          {data.devices.length === 0 && offset === 0
            ? t('none')
            : data.alertCount
              ? `${t('alertSummary', { alerts: data.alertCount, minutes: data.alertAfterMinutes })} ${t('attentionSummary', { count: data.attentionCount })}`
              : data.attentionCount
                ? t('attentionSummary', { count: data.attentionCount })
                : t('allGood')}
        </p>
      )}
      {data && data.devices.length > 0 && (
        <GridTable
          labelledBy="fleet-title"
          columns={[
            t('device'),
            t('state'),
            t('unsynced'),
            t('lastSync'),
            t('lastSeen'),
            t('version'),
            t('storage'),
            t('actions'),
          ]}
        >
          {data.devices.map((device) => (
            <DeviceRow
              key={device.id}
              device={device}
              now={now}
              alertMinutes={data.alertAfterMinutes}
              currency={currencyOf(device.branchId)}
              onRename={() => setRenaming(device)}
              onRevoke={() => setRevoking(device)}
            />
          ))}
        </GridTable>
      )}
      {data && (offset > 0 || data.nextOffset !== null) && (
        <div className="pager">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
            {t('previous')}
          </button>
          <button
            type="button"
            disabled={data.nextOffset === null}
            onClick={() => data.nextOffset !== null && setOffset(data.nextOffset)}
          >
            {t('next')}
          </button>
        </div>
      )}
      {pairing && (
        <PairDialog
          branches={branches}
          onClose={() => {
            setPairing(false);
            // A tablet paired meanwhile joins the list (pairing is not on the live stream).
            fleet.reload();
          }}
        />
      )}
      {renaming && (
        <RenameDialog
          device={renaming}
          onClose={() => setRenaming(null)}
          onRenamed={() => {
            setRenaming(null);
            fleet.reload();
          }}
        />
      )}
      {revoking && (
        <RevokeDialog
          device={revoking}
          currency={currencyOf(revoking.branchId)}
          onClose={() => setRevoking(null)}
          onRevoked={(message) => {
            setRevoking(null);
            setNotice(message);
            fleet.reload();
          }}
        />
      )}
    </PageSection>
  );
}

function DeviceRow({
  device,
  now,
  alertMinutes,
  currency,
  onRename,
  onRevoke,
}: {
  device: FleetDevice;
  now: number;
  alertMinutes: number;
  currency: string | undefined;
  onRename: () => void;
  onRevoke: () => void;
}) {
  const t = useT(fleetMessages);
  const f = useFormat({ currency });
  const reported = device.status !== null;
  return (
    <tr className={device.alert ? 'alert' : device.attention.length ? 'attention' : undefined}>
      <th scope="row">
        <NameWithDetail name={device.name} detail={`${device.branchName} · #${device.number}`} />
      </th>
      <td>
        {device.revokedAt ? (
          <span className="badge muted">{t('revoked', { when: f.ago(device.revokedAt, now) })}</span>
        ) : (
          <>
            <span className={device.online ? 'badge ok' : 'badge bad'}>
              {device.online ? t('online') : t('offlineState')}
            </span>
            {device.attention.filter((r) => r !== 'offline').length > 0 && (
              <ul className="reasons">
                {device.attention
                  .filter((r) => r !== 'offline')
                  .map((r) => (
                    <li key={r}>{t(`reason_${r}`, { minutes: alertMinutes })}</li>
                  ))}
              </ul>
            )}
          </>
        )}
      </td>
      <td className="num">
        {!reported ? (
          t('unknown')
        ) : device.unsyncedCount === 0 ? (
          t('nothingPending')
        ) : (
          <>
            {t('unsyncedValue', { count: f.number(device.unsyncedCount), value: f.money(device.unsyncedValueCents) })}
            {device.oldestUnsyncedMinutes !== null && (
              <span className="sub">{t('oldest', { minutes: f.number(device.oldestUnsyncedMinutes) })}</span>
            )}
          </>
        )}
      </td>
      <td>{device.lastSyncAt ? f.dateTime(device.lastSyncAt) : t('never')}</td>
      <td>{device.lastSeenAt ? f.ago(device.lastSeenAt, now) : t('never')}</td>
      <td>
        {device.status?.appVersion ?? t('unknown')}
        {device.catalogueSeq !== null && (
          <span className="sub">
            {t('catalogue')} {device.catalogueSeq}
          </span>
        )}
      </td>
      <td>
        {device.persistentStorage === null
          ? t('unknown')
          : device.persistentStorage
            ? t('persistent')
            : t('notPersistent')}
      </td>
      <td>
        {!device.revokedAt && (
          <div className="row-actions">
            <button type="button" aria-label={t('rename', { name: device.name })} onClick={onRename}>
              {t('renameShort')}
            </button>
            <button type="button" className="danger" aria-label={t('revoke', { name: device.name })} onClick={onRevoke}>
              {t('revokeShort')}
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}
