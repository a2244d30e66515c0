import { Router, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { requireManager, type ManagerIdentity } from '../auth/manager-session';
import type { Db } from '../db/database';
import { routeTable } from '../http/route-table';
import { assertCanManageLocation, locationInfo, visibleLocations } from '../ledger/manager-movements';
import type { ChangeBus } from '../live/change-bus';

/** What the route groups of a console router share: the database, the change bus, the log, its routes, the guard. */
export interface ManagerRouteContext {
  db: Db;
  bus: ChangeBus;
  logger: Logger;
  route: ReturnType<typeof routeTable>;
  /** Any signed-in manager; each route checks the branch or location itself. */
  manager: RequestHandler[];
}

/** Routes under /api/console for signed-in managers, documented under `tags`. */
export function managerRouteContext(
  router: Router,
  deps: { db: Db; bus: ChangeBus; logger: Logger },
  table: { tags: string[]; bodyLimit?: string },
): ManagerRouteContext {
  return {
    ...deps,
    manager: [requireManager(deps.db)],
    route: routeTable(router, { prefix: '/api/console', auth: 'manager', ...table }),
  };
}

/** A console router made of route groups that share one context. */
export function managerRouter(
  deps: { db: Db; bus: ChangeBus; logger: Logger },
  table: { tags: string[]; bodyLimit?: string },
  ...groups: ((ctx: ManagerRouteContext) => void)[]
): Router {
  const router = Router();
  const ctx = managerRouteContext(router, deps, table);
  for (const group of groups) group(ctx);
  return router;
}

/**
 * A list query limited to the locations the manager may see; one it names must be one of them (403 otherwise).
 */
export async function inManagerLocations<Q extends { locationId?: string | undefined }>(
  db: Db,
  manager: ManagerIdentity,
  query: Q,
): Promise<Q & { locations: 'all' | string[] }> {
  if (query.locationId) assertCanManageLocation(manager, await locationInfo(db, query.locationId));
  return { ...query, locations: await visibleLocations(db, manager) };
}
