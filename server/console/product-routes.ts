import { Router, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  categoriesResponseSchema,
  consoleProductSchema,
  priceChangeRequestSchema,
  priceChangeSchema,
  priceHistorySchema,
  priceRolloutSchema,
  productIdParams,
  productImportRequestSchema,
  productImportResponseSchema,
  stockRuleRequestSchema,
} from '../../shared/console/catalogue';
import { managerOf, requireManager } from '../auth/manager-session';
import { deleteProduct } from '../catalogue/console-products';
import { priceRollout } from '../catalogue/price-rollout';
import { cancelPriceChange, priceHistory, schedulePriceChange } from '../catalogue/price-schedule';
import { importProducts } from '../catalogue/product-import';
import { listCategories, restoreProduct, setStockRule, withExtras } from '../catalogue/product-extras';
import { productDoc } from '../catalogue/product-rows';
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import { routeTable } from '../http/route-table';
import type { ChangeBus } from '../live/change-bus';

const changeParams = z.object({ id: z.string().min(1).max(64), changeId: z.string().min(1).max(64) });

/** Catalogue endpoints beyond create/edit (catalogue-routes.ts): archive, stock rule, prices, rollout, CSV import. */
export function productRoutes({ db, bus, logger }: { db: Db; bus: ChangeBus; logger: Logger }): Router {
  const router = Router();
  const anyManager = [requireManager(db)];
  const admin = [requireManager(db, { role: 'admin' })];
  const route = routeTable(router, { prefix: '/api/console', tags: ['console', 'catalogue'], auth: 'manager' });
  const published = (seq: number | null) => {
    if (seq !== null) bus.publish({ seq, collections: ['products'], locationIds: [] });
  };
  const view = async (id: string) => {
    const row = await db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new ApiError('NOT_FOUND', `There is no product ${id}; reload the product list.`);
    return (await withExtras(db, [{ ...productDoc(row), seq: Number(row.seq), updatedAt: row.updated_at }]))[0]!;
  };
  const product = { what: 'product', request: { params: productIdParams } };
  const one = (description: string) => ({ 200: { description, body: consoleProductSchema } });

  route(
    {
      method: 'get',
      path: '/products/categories',
      what: 'request',
      summary: 'Categories of the active catalogue, with product counts',
      responses: { 200: { description: 'By name.', body: categoriesResponseSchema } },
    },
    anyManager,
    async () => ({ categories: await listCategories(db) }),
  );
  route(
    {
      ...product,
      method: 'get',
      path: '/products/:id',
      summary: 'One product with its reorder rule and pending price',
      responses: { ...one('The product.'), 404: { description: 'None.' } },
    },
    anyManager,
    ({ params }) => view(params.id),
  );
  route(
    {
      ...product,
      method: 'post',
      path: '/products/:id/archive',
      summary: 'Archive a product (administrators): tablets drop it, sales and history keep it',
      responses: one('The product, archived.'),
    },
    admin,
    async ({ params, req }) => {
      published((await deleteProduct(db, params.id, managerOf(req).id)).writtenUpTo);
      return view(params.id);
    },
  );
  route(
    {
      ...product,
      method: 'post',
      path: '/products/:id/restore',
      summary: 'Bring an archived product back (administrators)',
      responses: one('The product, active.'),
    },
    admin,
    async ({ params, req }) => {
      published(await restoreProduct(db, params.id, managerOf(req).id));
      return view(params.id);
    },
  );
  route(
    {
      method: 'put',
      path: '/products/:id/stock-rule',
      what: 'reorder rule',
      summary: 'Set the reorder minimum and maximum (administrators)',
      request: { params: productIdParams, body: stockRuleRequestSchema },
      responses: one('The product with its rule.'),
    },
    admin,
    async ({ params, body }) => {
      await setStockRule(db, params.id, body);
      return view(params.id);
    },
  );
  route(
    {
      ...product,
      method: 'get',
      path: '/products/:id/prices',
      summary: 'Price history (what sales are checked against) and scheduled price changes',
      responses: { 200: { description: 'History oldest first.', body: priceHistorySchema } },
    },
    anyManager,
    ({ params }) => priceHistory(db, params.id),
  );
  priceChangeRoutes(route, { db, logger, admin, anyManager });
  route(
    {
      method: 'post',
      path: '/products/import',
      what: 'CSV import',
      summary:
        'CSV import (administrators): confirm=false previews with per-row errors, confirm=true writes all or nothing',
      request: { body: productImportRequestSchema },
      responses: { 200: { description: 'The preview or the import.', body: productImportResponseSchema } },
      bodyLimit: '6mb',
    },
    admin,
    async ({ body, req }) => {
      const { response, writtenUpTo } = await importProducts(db, body, managerOf(req).id);
      published(writtenUpTo);
      if (body.confirm) logger.info({ managerId: managerOf(req).id, rows: response.rows.length }, 'catalogue imported');
      return response;
    },
  );
  return router;
}

function priceChangeRoutes(
  route: ReturnType<typeof routeTable>,
  { db, logger, admin, anyManager }: { db: Db; logger: Logger; admin: RequestHandler[]; anyManager: RequestHandler[] },
) {
  route(
    {
      method: 'post',
      path: '/products/:id/price-changes',
      what: 'price change',
      summary: 'Schedule a price from a future date and time (administrators); pending until then',
      request: { params: productIdParams, body: priceChangeRequestSchema },
      responses: { 201: { description: 'The scheduled change.', body: priceChangeSchema } },
    },
    admin,
    async ({ params, body, req }) => {
      const change = await schedulePriceChange(db, params.id, body, managerOf(req).id);
      logger.info(
        { changeId: change.id, productId: change.productId, managerId: managerOf(req).id },
        'price scheduled',
      );
      return change;
    },
  );
  route(
    {
      method: 'delete',
      path: '/products/:id/price-changes/:changeId',
      what: 'price change',
      summary: 'Cancel a pending price change (administrators)',
      request: { params: changeParams },
      responses: { 200: { description: 'Cancelled.', body: priceChangeSchema }, 409: { description: 'Not pending.' } },
    },
    admin,
    ({ params }) => cancelPriceChange(db, params.id, params.changeId),
  );
  route(
    {
      method: 'get',
      path: '/products/:id/price-changes/:changeId/rollout',
      what: 'price change',
      summary: 'Which tablets have the new price, and sales made at another price after it took effect',
      description: 'A branch manager sees their branches only.',
      request: { params: changeParams },
      responses: { 200: { description: 'The rollout.', body: priceRolloutSchema } },
    },
    anyManager,
    ({ params, req }) => priceRollout(db, params.id, params.changeId, managerOf(req).branchIds),
  );
}
