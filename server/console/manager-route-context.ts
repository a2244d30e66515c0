import type { RequestHandler, Router } from 'express';
import type { Logger } from 'pino';
import { requireManager } from '../auth/manager-session';
import type { Db } from '../db/database';
import { routeTable } from '../http/route-table';
import type { LocationInfo } from '../ledger/manager-movements';
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

/** The branch a change event names for a location: its own, none for the central warehouse. */
export const branchesOf = (location: LocationInfo): string[] => (location.branchId ? [location.branchId] : []);
