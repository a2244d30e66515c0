import path from 'node:path';
import { issuePairingCode } from '../server/auth/pairing';
import { createProduct, productCreateSchema } from '../server/catalogue/console-products';
import { openDatabase, type Db } from '../server/db/database';
import { saveDeviceStatus } from '../server/devices/device-admin';
import { HEALTHY_STATUS } from '../server/test/device-documents';
import type { DeviceStatusReport } from '../shared/protocol/device-status';
import { dataDir } from './e2e-env';

/** The e2e server's own database, opened beside it to issue codes and to check the ledger. */
export class ServerDb {
  readonly db: Db = openDatabase({ kind: 'sqlite', sqliteFile: path.join(dataDir, 'ecomarket.sqlite') });

  async pairingCode(branchId = 'sucursal-001'): Promise<string> {
    return (await issuePairingCode(this.db, branchId, 15)).code;
  }

  async deviceNamed(name: string): Promise<{ id: string; number: number }> {
    const row = await this.db
      .selectFrom('devices')
      .select(['id', 'number'])
      .where('name', '=', name)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    return { id: row.id, number: Number(row.number) };
  }

  async salesOfDevice(deviceId: string) {
    return this.db.selectFrom('sales').selectAll().where('device_id', '=', deviceId).orderBy('device_seq').execute();
  }

  /** Stock of a product at a location; throws before its first movement there. */
  async branchStock(sku: string, locationId = 'sucursal-001'): Promise<number> {
    const level = await this.stockLevel(sku, locationId);
    if (level === null) throw new Error(`${sku} has no stock row at ${locationId}`);
    return level;
  }

  /** Stock of a product at a location, null before its first movement there. */
  async stockLevel(sku: string, locationId = 'sucursal-001'): Promise<number | null> {
    const row = await this.db
      .selectFrom('stock_levels')
      .innerJoin('products', 'products.id', 'stock_levels.product_id')
      .select('stock_levels.quantity')
      .where('products.sku', '=', sku)
      .where('stock_levels.location_id', '=', locationId)
      .executeTakeFirst();
    return row ? Number(row.quantity) : null;
  }

  /** A product sold by the kilogram with grams (3 decimals), made once per database (specs rerun on it). */
  /** The lines of the transfer last sent to a location (productId and quantity in the smallest unit). */
  async lastTransferLinesTo(locationId: string): Promise<{ productId: string; quantity: number }[]> {
    const transfer = await this.db
      .selectFrom('transfers')
      .select('lines')
      .where('to_location_id', '=', locationId)
      .orderBy('sent_at', 'desc')
      .executeTakeFirstOrThrow();
    return JSON.parse(transfer.lines) as { productId: string; quantity: number }[];
  }

  async weighedProduct(p: { sku: string; name: string; priceCents: number; category?: string }): Promise<void> {
    if (await this.db.selectFrom('products').select('id').where('sku', '=', p.sku).executeTakeFirst()) return;
    await createProduct(this.db, productCreateSchema.parse({ ...p, unit: 'kg', quantityDecimals: 3 }), 'e2e');
  }

  async saleMovements(deviceId: string): Promise<number> {
    const row = await this.db
      .selectFrom('stock_movements')
      .innerJoin('sales', 'sales.id', 'stock_movements.sale_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('sales.device_id', '=', deviceId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Stores a status report of a tablet: what is given, else a healthy tablet's (online, nothing pending) synced now. */
  async reportStatus(deviceId: string, report: Partial<DeviceStatusReport>): Promise<void> {
    await saveDeviceStatus(this.db, deviceId, { ...HEALTHY_STATUS, lastSyncAt: new Date().toISOString(), ...report });
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}
