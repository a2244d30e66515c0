import type { Router } from 'express';
import type { Logger } from 'pino';
import { quickKeysRequestSchema, quickKeysResponseSchema } from '../../shared/console/quick-keys';
import { assertCanManageBranch, managerOf } from '../auth/manager-session';
import { quickKeysOf, saveQuickKeys } from '../catalogue/quick-keys';
import type { Db } from '../db/database';
import { idParams } from '../http/route-table';
import type { ChangeBus } from '../live/change-bus';
import { managerRouter, type ManagerRouteContext } from './manager-route-context';

/** /api/console/branches/:id/quick-keys: the favourites page of a branch's tablets (a manager of the branch). */
export function quickKeyRoutes(deps: { db: Db; bus: ChangeBus; logger: Logger }): Router {
  return managerRouter(deps, { tags: ['console', 'catalogue'], bodyLimit: '16kb' }, quickKeyPageRoutes);
}

function quickKeyPageRoutes({ db, bus, logger, route, manager: anyManager }: ManagerRouteContext) {
  route(
    {
      method: 'get',
      path: '/branches/:id/quick-keys',
      what: 'branch',
      summary: "A branch's quick keys page, in order, with the products' names and prices",
      request: { params: idParams },
      responses: {
        200: { description: 'The page.', body: quickKeysResponseSchema },
        404: { description: 'No branch.' },
      },
    },
    anyManager,
    async ({ params, req }) => {
      assertCanManageBranch(managerOf(req), params.id);
      return quickKeysOf(db, params.id);
    },
  );
  route(
    {
      method: 'put',
      path: '/branches/:id/quick-keys',
      what: 'quick keys page',
      summary: "Replace a branch's quick keys page; its tablets pull it with the branch's settings",
      request: { params: idParams, body: quickKeysRequestSchema },
      responses: {
        200: { description: 'The page as saved.', body: quickKeysResponseSchema },
        400: { description: 'A product twice, withdrawn, too many keys or a label too long.' },
        404: { description: 'No such branch or product.' },
      },
    },
    anyManager,
    async ({ params, body, req }) => {
      const manager = managerOf(req);
      assertCanManageBranch(manager, params.id);
      const { seq } = await saveQuickKeys(db, params.id, body);
      bus.publish({ seq, collections: ['settings'], locationIds: [], branchIds: [params.id] });
      logger.info({ branchId: params.id, managerId: manager.id, keys: body.keys.length }, 'quick keys changed');
      return quickKeysOf(db, params.id);
    },
  );
}
