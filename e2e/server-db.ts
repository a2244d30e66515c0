import path from 'node:path';
import { issuePairingCode } from '../server/auth/pairing';
import { openDatabase, type Db } from '../server/db/database';
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

  async branchStock(sku: string, locationId = 'sucursal-001'): Promise<number> {
    const row = await this.db
      .selectFrom('stock_levels')
      .innerJoin('products', 'products.id', 'stock_levels.product_id')
      .select('stock_levels.quantity')
      .where('products.sku', '=', sku)
      .where('stock_levels.location_id', '=', locationId)
      .executeTakeFirstOrThrow();
    return Number(row.quantity);
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

  close(): Promise<void> {
    return this.db.destroy();
  }
}
