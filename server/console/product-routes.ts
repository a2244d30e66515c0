import { Router } from 'express';
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
import { managerOf } from '../auth/manager-session';
import { deleteProduct } from '../catalogue/console-products';
import { priceRollout } from '../catalogue/price-rollout';
import { cancelPriceChange, priceHistory, schedulePriceChange } from '../catalogue/price-schedule';
import { importProducts } from '../catalogue/product-import';
import { listCategories, restoreProduct, setStockRule, withExtras } from '../catalogue/product-extras';
import { productDoc } from '../catalogue/product-rows';
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import { currentSequence } from '../ledger/server-sequence';
import type { ChangeBus } from '../live/change-bus';
import { managerRouteContext, type ManagerRouteContext } from './manager-route-context';

const changeParams = z.object({ id: z.string().min(1).max(64), changeId: z.string().min(1).max(64) });

/** Catalogue endpoints beyond create/edit (catalogue-routes.ts): archive, stock rule, prices, rollout, CSV import. */
export function productRoutes({ db, bus, logger }: { db: Db; bus: ChangeBus; logger: Logger }): Router {
  const router = Router();
  const ctx: ProductRouteContext = {
    ...managerRouteContext(router, { db, bus, logger }, { tags: ['console', 'catalogue'] }),
    published: (seq) => {
      if (seq !== null) bus.publish({ seq, collections: ['products'], locationIds: [] });
    },
    consolesTold: async (collection) =>
      bus.publish({ seq: await currentSequence(db), collections: [collection], locationIds: [] }),
  };
  wholeCatalogueRoutes(ctx); // before /products/:id, which would take 'categories' for an id
  productStateRoutes(ctx);
  priceChangeRoutes(ctx);
  return router;
}

interface ProductRouteContext extends ManagerRouteContext {
  /** Tells devices and consoles that products changed up to `seq` (nothing when nothing was written). */
  published: (seq: number | null) => void;
  /** Tells open consoles of a change only they show (a reorder rule, a scheduled price). */
  consolesTold: (collection: 'stockrules' | 'prices') => Promise<void>;
}

/** A product as the console shows it, with its reorder rule and pending price. */
async function productView(db: Db, id: string) {
  const row = await db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `There is no product ${id}; reload the product list.`);
  return (await withExtras(db, [{ ...productDoc(row), seq: Number(row.seq), updatedAt: row.updated_at }]))[0]!;
}

function productStateRoutes({ db, route, manager: anyManager, admin, published, consolesTold }: ProductRouteContext) {
  const view = (id: string) => productView(db, id);
  const product = { what: 'product', request: { params: productIdParams } };
  const one = (description: string) => ({ 200: { description, body: consoleProductSchema } });

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
      await consolesTold('stockrules');
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
}

/** What concerns the whole catalogue: its categories, and the CSV import. */
function wholeCatalogueRoutes({ db, logger, route, manager: anyManager, admin, published }: ProductRouteContext) {
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
}

function priceChangeRoutes({ db, logger, route, admin, manager: anyManager, consolesTold }: ProductRouteContext) {
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
      await consolesTold('prices');
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
    async ({ params }) => {
      const change = await cancelPriceChange(db, params.id, params.changeId);
      await consolesTold('prices');
      return change;
    },
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
