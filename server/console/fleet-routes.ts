import express, { Router } from 'express';
import type { Logger } from 'pino';
import {
  deviceRenameSchema,
  fleetQuerySchema,
  fleetResponseSchema,
  pairingCodeRequestSchema,
  pairingCodeResponseSchema,
  POS_PAIRING_CODE_PARAM,
  type PairingCodeResponse,
} from '../../shared/console/fleet';
import { deviceHealthSchema } from '../../shared/console/device-health';
import { assertCanManageBranch, managerOf, requireManager } from '../auth/manager-session';
import { issuePairingCode } from '../auth/pairing';
import type { ServerConfig } from '../config';
import type { Db } from '../db/database';
import { deviceBranch, listDevices, publishDeviceChange, renameDevice } from '../devices/device-admin';
import { parseOrThrow } from '../http/api-error';
import { registerOperation } from '../http/openapi';
import { idParams } from '../http/route-table';
import type { ChangeBus } from '../live/change-bus';
import { fleetBoard } from './fleet-board';

const common = { tags: ['console', 'fleet'], auth: 'manager' as const };

registerOperation({
  ...common,
  method: 'get',
  path: '/api/console/fleet',
  summary: 'The fleet board: every device with its health, those needing attention first',
  description:
    'An admin sees every branch, a branch manager their branches (403 for another branchId). alert: unsynced sales and no contact for FLEET_ALERT_MINUTES.',
  request: { query: fleetQuerySchema },
  responses: { 200: { description: 'A page of the board.', body: fleetResponseSchema } },
});
registerOperation({
  ...common,
  method: 'post',
  path: '/api/console/devices/pairing-codes',
  summary: 'A one-time code that pairs a tablet with a branch (the CLI pair command, from the console)',
  request: { body: pairingCodeRequestSchema },
  responses: {
    201: { description: 'The code, its expiry and the POS path that fills it in.', body: pairingCodeResponseSchema },
  },
});
registerOperation({
  ...common,
  method: 'patch',
  path: '/api/console/devices/:id',
  summary: 'Rename a device',
  request: { params: idParams, body: deviceRenameSchema },
  responses: { 200: { description: 'The device now.', body: deviceHealthSchema } },
});

/** Fleet endpoints under /api/console: the board, pairing codes, renaming (revoke is in devices/console-device-routes.ts). */
export function fleetRoutes({
  db,
  config,
  logger,
  bus,
}: {
  db: Db;
  config: ServerConfig;
  logger: Logger;
  bus?: ChangeBus;
}): Router {
  const router = Router();
  const manager = requireManager(db);
  const json = express.json({ limit: '4kb' });

  router.get('/fleet', manager, async (req, res) => {
    const q = parseOrThrow(fleetQuerySchema, req.query, 'fleet query');
    const m = managerOf(req);
    if (q.branchId) assertCanManageBranch(m, q.branchId);
    res.json(
      await fleetBoard(db, { ...q, branchIds: q.branchId ? [q.branchId] : m.branchIds }, config.fleetAlertMinutes),
    );
  });

  router.post('/devices/pairing-codes', manager, json, async (req, res) => {
    const { branchId } = parseOrThrow(pairingCodeRequestSchema, req.body, 'pairing code request');
    const m = managerOf(req);
    assertCanManageBranch(m, branchId);
    const { code, expiresAt } = await issuePairingCode(db, branchId, config.pairingCodeTtlMinutes);
    logger.info({ branchId, managerId: m.id }, 'pairing code issued in the console');
    const body: PairingCodeResponse = {
      branchId,
      code,
      expiresAt,
      posPath: `/pos?${new URLSearchParams({ [POS_PAIRING_CODE_PARAM]: code }).toString()}`,
    };
    res.status(201).json(body);
  });

  router.patch('/devices/:id', manager, json, async (req, res) => {
    const { id } = parseOrThrow(idParams, req.params, 'device');
    const { name } = parseOrThrow(deviceRenameSchema, req.body, 'new device name');
    const m = managerOf(req);
    const branchId = await deviceBranch(db, id);
    assertCanManageBranch(m, branchId);
    await renameDevice(db, id, name);
    await publishDeviceChange(db, bus, branchId);
    const { devices } = await listDevices(db, { branchIds: [branchId] });
    res.json(devices.find((d) => d.id === id));
  });
  return router;
}
