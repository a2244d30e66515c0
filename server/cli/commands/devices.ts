import { formatMoney } from '../../../shared/money';
import type { DeviceHealth } from '../../../shared/console/device-health';
import { listDevices } from '../../devices/device-admin';
import type { CliCommand } from '../cli-command';

function ago(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const s = Math.round((now - Date.parse(iso)) / 1000);
  if (s < 90) return `${s}s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)}m ago`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86400)}d ago`;
}

function row(d: DeviceHealth, now: number): string[] {
  const st = d.status;
  return [
    d.branchId,
    String(d.number),
    d.name,
    d.id,
    ago(d.lastSeenAt, now),
    st ? (st.online ? 'online' : 'offline') : '-',
    st ? `${st.pendingCount} / ${formatMoney(st.pendingValueCents, 'USD', 'en-US')}` : '-',
    st?.breaker ?? '-',
    st ? (st.lastSyncAt ? `${st.lastSyncAt.slice(0, 16).replace('T', ' ')} (device clock)` : 'never') : '-',
    st?.appVersion ?? '-',
    st ? ago(st.receivedAt, now) : 'no report',
    d.revokedAt ? `revoked ${d.revokedAt.slice(0, 10)}` : 'paired',
  ];
}

const HEADER = [
  'BRANCH',
  '#',
  'NAME',
  'DEVICE ID',
  'LAST SEEN',
  'NETWORK',
  'PENDING',
  'BREAKER',
  'LAST SYNC',
  'APP',
  'REPORTED',
  'STATE',
];

export const command: CliCommand = {
  name: 'devices',
  summary: 'List every paired device with its last reported sync health.',
  usage: 'devices [--json]',
  help: `One line per device: branch, number, name, id, when the server last saw it, and from its last
status report: online or offline, pending sales (count / value), circuit breaker, last sync
(device clock), app version, when it reported, and whether it was revoked.
--json prints the same as JSON for scripts.`,
  options: { json: { type: 'boolean' } },
  async run(ctx) {
    const db = await ctx.openDb();
    const { devices } = await listDevices(db, { branchIds: 'all' });
    if (ctx.values.json) {
      console.log(JSON.stringify(devices, null, 2));
      return 0;
    }
    if (devices.length === 0) {
      console.log('No device is paired yet. Pair one with: npm run ecomarket -- pair <branch-id>');
      return 0;
    }
    const now = Date.now();
    const rows = [HEADER, ...devices.map((d) => row(d, now))];
    const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows)
      console.log(
        r
          .map((c, i) => c.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      );
    return 0;
  },
};
