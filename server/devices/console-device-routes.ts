import express, { Router } from 'express';
import type { Logger } from 'pino';
import {
  deviceListQuerySchema,
  deviceListResponseSchema,
  type DeviceListResponse,
} from '../../shared/console/device-health';
import { revokeResponseSchema, type RevokeResponse } from '../../shared/console/fleet';
import { assertCanManageBranch, managerOf, requireManager } from '../auth/manager-session';
import type { Db } from '../db/database';
import { parseOrThrow } from '../http/api-error';
import { registerOperation } from '../http/openapi';
import type { ChangeBus } from '../live/change-bus';
import { deviceBranch, listDevices, publishDeviceChange, revokeDevice } from './device-admin';

registerOperation({
  method: 'get',
  path: '/api/console/devices',
  summary: 'Devices with their last reported health',
  description: 'An admin sees every branch; a branch manager only their branches (403 for another branchId).',
  tags: ['console'],
  auth: 'manager',
  request: { query: deviceListQuerySchema },
  responses: { 200: { description: 'A page of devices by branch and number.', body: deviceListResponseSchema } },
});
registerOperation({
  method: 'post',
  path: '/api/console/devices/:id/revoke',
  summary: 'Unpair a device for good',
  description:
    "An admin, or the manager of the device's branch. The device's token gets 401 from then on. The answer names the unsynced sales and their value the device last reported (they stay on the tablet).",
  tags: ['console'],
  auth: 'manager',
  responses: {
    200: {
      description: 'Revoked (or already revoked: the first time is kept).',
      body: revokeResponseSchema,
    },
  },
});

/** /api/console/devices: devices with their health; revoke one. Branch managers see and act on their branches only. */
export function consoleDeviceRoutes({ db, logger, bus }: { db: Db; logger: Logger; bus?: ChangeBus }): Router {
  const router = Router();
  router.use(requireManager(db));

  router.get('/', async (req, res) => {
    const q = parseOrThrow(deviceListQuerySchema, req.query, 'device list query');
    const manager = managerOf(req);
    let branchIds = manager.branchIds;
    if (q.branchId) {
      assertCanManageBranch(manager, q.branchId);
      branchIds = [q.branchId];
    }
    const body: DeviceListResponse = await listDevices(db, { branchIds, offset: q.offset, limit: q.limit });
    res.json(body);
  });

  router.post('/:id/revoke', express.json({ limit: '1kb' }), async (req, res) => {
    const manager = managerOf(req);
    const deviceId = String(req.params.id);
    assertCanManageBranch(manager, await deviceBranch(db, deviceId));
    const result = await revokeDevice(db, deviceId);
    logger.info({ deviceId, managerId: manager.id }, 'device revoked');
    await publishDeviceChange(db, bus, await deviceBranch(db, deviceId));
    const body: RevokeResponse = { deviceId, ...result };
    res.json(body);
  });
  return router;
}
