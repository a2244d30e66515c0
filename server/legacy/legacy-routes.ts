import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Db } from '../db/database';
import type { ChangeBus } from '../live/change-bus';
import {
  centsOf,
  parseJsonBody,
  parseModel,
  parsePathInt,
  ValidationFailed,
  validationAnswer,
  type PydanticError,
} from './fastapi-validation';
import {
  addProduct,
  countLegacyProducts,
  deleteProduct,
  listInventory,
  updateProduct,
  type InventoryResult,
  type ProductInput,
} from './legacy-inventory';
import { resolveLegacyKey, type LegacyKeyIdentity } from './legacy-keys';
import { answerSaleNotification, MAX_LEGACY_ID, NO_SUCH_PRODUCT } from './sale-notification';

export interface LegacyRouteDeps {
  db: Db;
  bus: ChangeBus;
  logger: Logger;
}

const productModel = {
  id: { type: 'int' as const, gt: 0, le: MAX_LEGACY_ID },
  name: { type: 'str' as const },
  price: { type: 'float' as const, ge: 0 },
  stock: { type: 'int' as const, ge: 0, le: 1e9 },
};

function productInput(body: unknown): ProductInput {
  const p = parseModel(productModel, body);
  const name = p.name.trim();
  if (name === '' || name.length > 200) {
    const detail: PydanticError[] = [
      name === ''
        ? {
            type: 'string_too_short',
            loc: ['body', 'name'],
            msg: 'String should have at least 1 character',
            input: p.name,
            ctx: { min_length: 1 },
          }
        : {
            type: 'string_too_long',
            loc: ['body', 'name'],
            msg: 'String should have at most 200 characters',
            input: p.name,
            ctx: { max_length: 200 },
          },
    ];
    throw new ValidationFailed(detail);
  }
  return {
    id: p.id,
    name,
    priceCents: centsOf('price', p.price, (body as Record<string, unknown>).price, 0),
    stock: p.stock,
  };
}

const keyOf = (res: Response) => res.locals.legacyKey as LegacyKeyIdentity;

/** The body is read as text and parsed here, so broken JSON gets FastAPI's 422, not our 400. */
const jsonBody = (req: Request) => parseJsonBody(typeof req.body === 'string' ? req.body : '');

/**
 * The seed's central API under /legacy/<key>, for its Python branch prototype: the seed's paths,
 * JSON shapes and status codes (FastAPI's 422 `detail` list for a bad body). Without a valid key
 * the router steps aside and the request ends as any unknown URL does, so a wrong key cannot be
 * told from a path that does not exist.
 */
export function legacyRoutes(deps: LegacyRouteDeps): Router {
  const { db, logger } = deps;
  const router = Router({ mergeParams: true });

  router.use(async (req: Request<{ key: string }>, res, next) => {
    const key = await resolveLegacyKey(db, req.params.key);
    if (!key) return next('router');
    res.locals.legacyKey = key;
    next();
  });
  router.use(express.text({ type: () => true, limit: '64kb' }));

  router.get('/', async (_req, res) => {
    const key = keyOf(res);
    const notifications = await db
      .selectFrom('legacy_notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('branch_id', '=', key.branchId)
      .executeTakeFirstOrThrow();
    res.json({
      service: '🌿 EcoMarket Central API',
      status: 'operational',
      total_products: await countLegacyProducts(db),
      total_notifications: Number(notifications.n),
    });
  });
  inventoryRoutes(router, deps);
  saleNotificationRoute(router, deps);

  // Inside a valid key, answer as FastAPI does for what the seed does not serve.
  const KNOWN = /^\/(inventory(\/[^/]+)?|sale-notification)?\/?$/;
  router.use((req, res) => {
    if (KNOWN.test(req.path)) res.status(405).json({ detail: 'Method Not Allowed' });
    else res.status(404).json({ detail: 'Not Found' });
  });
  router.use(legacyErrors(logger));
  return router;
}

/** GET, POST /inventory and PUT, DELETE /inventory/{id}; changes reach devices on the bus. */
function inventoryRoutes(router: Router, { db, bus }: LegacyRouteDeps): void {
  const publish = (result: InventoryResult) => {
    if (!result.changed) return;
    const collections: ('products' | 'stock')[] = [];
    if (result.changed.products) collections.push('products');
    if (result.changed.stockAt) collections.push('stock');
    bus.publish({
      seq: result.changed.seq,
      collections,
      locationIds: result.changed.stockAt ? [result.changed.stockAt] : [],
    });
  };

  router.get('/inventory', async (_req, res) => {
    res.json(await listInventory(db, keyOf(res)));
  });

  router.post('/inventory', async (req, res) => {
    const result = await addProduct(db, keyOf(res), productInput(jsonBody(req)));
    publish(result);
    res.status(result.answer.status).json(result.answer.body);
  });

  router.put('/inventory/:productId', async (req: Request<{ productId: string }>, res) => {
    const id = parsePathInt('product_id', req.params.productId);
    if (Math.abs(id) > MAX_LEGACY_ID) return void res.status(404).json(NO_SUCH_PRODUCT);
    const result = await updateProduct(db, keyOf(res), id, productInput(jsonBody(req)));
    publish(result);
    res.status(result.answer.status).json(result.answer.body);
  });

  router.delete('/inventory/:productId', async (req: Request<{ productId: string }>, res) => {
    const id = parsePathInt('product_id', req.params.productId);
    if (Math.abs(id) > MAX_LEGACY_ID) return void res.status(404).json(NO_SUCH_PRODUCT);
    const result = await deleteProduct(db, keyOf(res), id);
    publish(result);
    res.status(result.answer.status).json(result.answer.body);
  });
}

/** POST /sale-notification: the prototype's sale, as a sale of the key's branch (legacy-fast-path.ts takes most). */
function saleNotificationRoute(router: Router, deps: LegacyRouteDeps): void {
  router.post('/sale-notification', async (req: Request<{ key: string }>, res, next) => {
    const answer = await answerSaleNotification(deps, req.params.key, typeof req.body === 'string' ? req.body : '');
    // The key was revoked since the router read it: as any unknown URL.
    if (!answer) return next('router');
    res.status(answer.status).json(answer.body);
  });
}

/**
 * Errors answered here rather than by the app's error middleware, whose log line would carry the
 * URL and so the key; FastAPI answers an unhandled error with a plain 500.
 */
function legacyErrors(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ValidationFailed) {
      const answer = validationAnswer(err);
      res.status(answer.status).json(answer.body);
      return;
    }
    if ((err as { type?: string } | null)?.type === 'entity.too.large') {
      res.status(413).json({ detail: 'El cuerpo de la petición es demasiado grande.' });
      return;
    }
    if (err instanceof URIError) {
      res.status(400).json({ detail: 'La dirección tiene un código % mal formado; corrija el enlace.' });
      return;
    }
    logger.error(
      { err, method: req.method, url: `/legacy/<key ${keyOf(res)?.keyId ?? 'unknown'}>${req.path}` },
      'legacy request failed',
    );
    if (!res.headersSent) res.status(500).type('text/plain').send('Internal Server Error');
  };
}
