import { beforeAll, describe, expect, it } from 'vitest';
import type { BranchView, FleetResponse, PairingCodeResponse, RevokeResponse } from '../../shared/console/fleet';
import type { DeviceHealth } from '../../shared/console/device-health';
import {
  syncPath,
  type ApiErrorBody,
  type BranchSettingsDoc,
  type DeviceStatusReport,
  type PairResponse,
} from '../../shared/protocol';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { openConsoleStream } from '../test/console-stream';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { HEALTHY_STATUS } from '../test/device-documents';
import { type SignedIn, signedInManager } from '../test/managers';
import { pairDevice, request, type PairedDevice } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';
import type { ConsoleChanged } from './stream-routes';

const OTHER = 'sucursal-fleet-2';

describe.each(reachableTestDatabases)('console fleet over HTTP on $label', (database: TestDatabase) => {
  const { server, admin, demoManager } = useTestServer(database, {
    config: { fleetAlertMinutes: '15' },
    managers: { admin: 'admin', demoManager: { role: 'branch_manager', branchIds: [DEMO_BRANCH_ID] } },
  });
  let otherManager: SignedIn;
  beforeAll(async () => {
    const created = await request(server.url, '/api/console/branches', {
      headers: admin.headers(),
      json: { id: OTHER, name: 'Sucursal Norte', receiptPrefix: 'N02', currency: 'USD', timeZone: 'America/Bogota' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: OTHER, timeZone: 'America/Bogota' });
    otherManager = await signedInManager(server, { role: 'branch_manager', branchIds: [OTHER] });
  });

  const report = (device: PairedDevice, r: Partial<DeviceStatusReport>) =>
    request(server.url, '/api/devices/status', { token: device.token, json: { ...HEALTHY_STATUS, ...r } });

  /** The device's last contact and report moved into the past (server clock), as if it went silent. */
  async function silentFor(deviceId: string, minutes: number) {
    const at = new Date(Date.now() - minutes * 60_000).toISOString();
    await server.db.updateTable('devices').set({ last_seen_at: at }).where('id', '=', deviceId).execute();
    await server.db.updateTable('device_status').set({ received_at: at }).where('device_id', '=', deviceId).execute();
  }

  it('edits a branch (name, currency, time zone, oversell policy, tablet-editable fields); its tablets pull name and currency', async () => {
    const tablet = await pairDevice(server, OTHER);
    const res = await request<BranchView>(server.url, `/api/console/branches/${OTHER}`, {
      method: 'PATCH',
      headers: otherManager.headers(),
      json: {
        name: 'Sucursal Norte Centro',
        currency: 'MXN',
        timeZone: 'America/Mexico_City',
        allowOversell: false,
        productEditFields: ['barcode'],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Sucursal Norte Centro',
      currency: 'MXN',
      timeZone: 'America/Mexico_City',
      settings: { allowOversell: false, productEditFields: ['barcode'] },
    });
    const pulled = await request<{ documents: BranchSettingsDoc[] }>(
      server.url,
      `${syncPath('settings', 'pull')}?limit=10`,
      { token: tablet.token },
    );
    expect(pulled.body.documents).toEqual([
      expect.objectContaining({ id: OTHER, name: 'Sucursal Norte Centro', currency: 'MXN', allowOversell: false }),
    ]);
    const location = await server.db.selectFrom('locations').select('name').where('id', '=', OTHER).executeTakeFirst();
    expect(location?.name).toBe('Sucursal Norte Centro');
  });

  it('a bad branch edit is a 400 that names the field and changes nothing; another branch’s manager gets 403', async () => {
    const before = await request<{ branches: BranchView[] }>(server.url, '/api/console/branches', {
      headers: admin.headers(),
    });
    const bad = await request<ApiErrorBody>(server.url, `/api/console/branches/${OTHER}`, {
      method: 'PATCH',
      headers: admin.headers(),
      json: { name: 'X', timeZone: 'Mars/Olympus' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/timeZone: Choose a time zone/);
    const foreign = await request<ApiErrorBody>(server.url, `/api/console/branches/${OTHER}`, {
      method: 'PATCH',
      headers: demoManager.headers(),
      json: { name: 'Tomada' },
    });
    expect(foreign.status).toBe(403);
    const after = await request<{ branches: BranchView[] }>(server.url, '/api/console/branches', {
      headers: admin.headers(),
    });
    expect(after.body).toEqual(before.body);
    const mine = await request<{ branches: BranchView[] }>(server.url, '/api/console/branches', {
      headers: demoManager.headers(),
    });
    expect(mine.body.branches.map((b) => b.id)).toEqual([DEMO_BRANCH_ID]);
  });

  it('a pairing code made in the console pairs a tablet once; a manager cannot make one for another branch', async () => {
    const res = await request<PairingCodeResponse>(server.url, '/api/console/devices/pairing-codes', {
      headers: demoManager.headers(),
      json: { branchId: DEMO_BRANCH_ID },
    });
    expect(res.status).toBe(201);
    expect(res.body.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(res.body.posPath).toBe(`/pos?pairingCode=${res.body.code}`);
    const paired = await request<PairResponse>(server.url, '/api/devices/pair', {
      json: { code: res.body.code, deviceName: 'Caja QR' },
    });
    expect(paired.status).toBe(201);
    expect(paired.body.branch.id).toBe(DEMO_BRANCH_ID);
    const reused = await request(server.url, '/api/devices/pair', {
      json: { code: res.body.code, deviceName: 'Otra' },
    });
    expect(reused.status).toBe(403);
    const foreign = await request<ApiErrorBody>(server.url, '/api/console/devices/pairing-codes', {
      headers: demoManager.headers(),
      json: { branchId: OTHER },
    });
    expect(foreign.status).toBe(403);
    const unknown = await request<ApiErrorBody>(server.url, '/api/console/devices/pairing-codes', {
      headers: admin.headers(),
      json: { branchId: 'no-such-branch' },
    });
    expect(unknown.status).toBe(404);
  });

  it('renames a device of one’s branch; another branch’s device is 403 and keeps its name', async () => {
    const mine = await pairDevice(server, DEMO_BRANCH_ID, 'caja vieja');
    const theirs = await pairDevice(server, OTHER, 'caja norte');
    const res = await request<DeviceHealth>(server.url, `/api/console/devices/${mine.deviceId}`, {
      method: 'PATCH',
      headers: demoManager.headers(),
      json: { name: 'Caja 1' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: mine.deviceId, name: 'Caja 1' });
    const empty = await request<ApiErrorBody>(server.url, `/api/console/devices/${mine.deviceId}`, {
      method: 'PATCH',
      headers: demoManager.headers(),
      json: { name: '  ' },
    });
    expect(empty.status).toBe(400);
    const foreign = await request(server.url, `/api/console/devices/${theirs.deviceId}`, {
      method: 'PATCH',
      headers: demoManager.headers(),
      json: { name: 'Mía' },
    });
    expect(foreign.status).toBe(403);
    const row = await server.db
      .selectFrom('devices')
      .select('name')
      .where('id', '=', theirs.deviceId)
      .executeTakeFirst();
    expect(row?.name).toBe('caja norte');
  });

  it('revoking names the unsynced sales and value the device last reported', async () => {
    const device = await pairDevice(server, OTHER);
    const oldestPendingAt = new Date(Date.now() - 40 * 60_000).toISOString();
    expect((await report(device, { pendingCount: 3, pendingValueCents: 4560, oldestPendingAt })).status).toBe(200);
    const foreign = await request(server.url, `/api/console/devices/${device.deviceId}/revoke`, {
      headers: demoManager.headers(),
      json: {},
    });
    expect(foreign.status).toBe(403);
    const res = await request<RevokeResponse>(server.url, `/api/console/devices/${device.deviceId}/revoke`, {
      headers: otherManager.headers(),
      json: {},
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      deviceId: device.deviceId,
      alreadyRevoked: false,
      unsynced: { count: 3, valueCents: 4560, oldestAt: oldestPendingAt },
    });
    const quiet = await pairDevice(server, OTHER);
    const never = await request<RevokeResponse>(server.url, `/api/console/devices/${quiet.deviceId}/revoke`, {
      headers: admin.headers(),
      json: {},
    });
    expect(never.body.unsynced).toBeNull();
  });

  it('the fleet board puts the device with stale unsynced sales first with an alert, then other trouble, then the rest', async () => {
    const branch = 'sucursal-fleet-3';
    await request(server.url, '/api/console/branches', {
      headers: admin.headers(),
      json: { id: branch, name: 'Sucursal Sur', receiptPrefix: 'S03', currency: 'USD' },
    });
    const fine = await pairDevice(server, branch, 'bien');
    const stuck = await pairDevice(server, branch, 'atascada');
    const broken = await pairDevice(server, branch, 'interruptor');
    const recent = await pairDevice(server, branch, 'pendiente reciente');
    await report(fine, { catalogueSeq: 42 });
    await report(stuck, { pendingCount: 2, pendingValueCents: 900, online: false });
    await silentFor(stuck.deviceId, 20);
    await report(broken, {
      breaker: 'open',
      rejectedCount: 1,
      storage: { ...HEALTHY_STATUS.storage, persisted: false },
    });
    await report(recent, { pendingCount: 5, pendingValueCents: 100 });
    await silentFor(recent.deviceId, 10);

    const board = await request<FleetResponse>(server.url, `/api/console/fleet?branchId=${branch}`, {
      headers: admin.headers(),
    });
    expect(board.status).toBe(200);
    // Within the same urgency, the most unsynced value first.
    expect(board.body.devices.map((d) => d.name)).toEqual(['atascada', 'pendiente reciente', 'interruptor', 'bien']);
    expect(board.body).toMatchObject({ alertCount: 1, attentionCount: 3, alertAfterMinutes: 15, nextOffset: null });
    const [s, r, b, f] = board.body.devices;
    expect(s).toMatchObject({ alert: true, online: false, unsyncedCount: 2, unsyncedValueCents: 900 });
    expect(s!.attention).toEqual(['unsynced_stale', 'offline']);
    expect(b!.attention).toEqual(['breaker_open', 'rejected_documents', 'storage_not_persistent']);
    expect(b).toMatchObject({ alert: false, breaker: 'open', persistentStorage: false });
    // Ten minutes silent with unsynced sales: offline, but not yet the alert (15 minutes).
    expect(r).toMatchObject({ alert: false, attention: ['offline'] });
    expect(f).toMatchObject({ alert: false, attention: [], online: true, catalogueSeq: 42, persistentStorage: true });

    const page = await request<FleetResponse>(server.url, `/api/console/fleet?branchId=${branch}&limit=3`, {
      headers: admin.headers(),
    });
    expect(page.body.nextOffset).toBe(3);
    const attentionOnly = await request<FleetResponse>(
      server.url,
      `/api/console/fleet?branchId=${branch}&attention=true`,
      { headers: admin.headers() },
    );
    expect(attentionOnly.body.devices.map((d) => d.name)).toEqual(['atascada', 'pendiente reciente', 'interruptor']);
  });

  it('a branch manager’s fleet board holds only their branches; asking for another branch is 403', async () => {
    const theirs = await pairDevice(server, OTHER, 'ajena');
    const board = await request<FleetResponse>(server.url, '/api/console/fleet?limit=500', {
      headers: demoManager.headers(),
    });
    expect(board.status).toBe(200);
    expect(board.body.devices.length).toBeGreaterThan(0);
    expect(board.body.devices.every((d) => d.branchId === DEMO_BRANCH_ID)).toBe(true);
    expect(board.body.devices.some((d) => d.id === theirs.deviceId)).toBe(false);
    const foreign = await request<ApiErrorBody>(server.url, `/api/console/fleet?branchId=${OTHER}`, {
      headers: demoManager.headers(),
    });
    expect(foreign.status).toBe(403);
    expect((await request(server.url, '/api/console/fleet')).status).toBe(401);
  });
  it('the fleet board is live: a status report or a rename reaches the consoles of that branch within a second', async () => {
    const mine = await pairDevice(server, DEMO_BRANCH_ID);
    const theirs = await pairDevice(server, OTHER);
    const stream = await openConsoleStream(server.url, demoManager.cookie);
    try {
      await new Promise((r) => setTimeout(r, 200));
      await report(theirs, { pendingCount: 1, pendingValueCents: 10 });
      const start = Date.now();
      await report(mine, { pendingCount: 4, pendingValueCents: 400 });
      const seen = () => (stream.seen('changed') as ConsoleChanged[]).filter((c) => c.collections.includes('devices'));
      while (seen().length === 0 && Date.now() - start < 1000) await new Promise((r) => setTimeout(r, 20));
      // Only the own branch's device: another branch's report never reaches this manager.
      expect(seen()).toEqual([expect.objectContaining({ collections: ['devices'], branchIds: [DEMO_BRANCH_ID] })]);
      await request(server.url, `/api/console/devices/${mine.deviceId}`, {
        method: 'PATCH',
        headers: demoManager.headers(),
        json: { name: 'Caja en vivo' },
      });
      const renamedAt = Date.now();
      while (seen().length < 2 && Date.now() - renamedAt < 1000) await new Promise((r) => setTimeout(r, 20));
      expect(seen()).toHaveLength(2);
    } finally {
      stream.close();
    }
  });
});
