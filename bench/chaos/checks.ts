import type { Db } from '../../server/db/database';
import type { DeviceReport, SoldLine } from './messages';

export interface MadeSale {
  device: number;
  saleId: string;
  lines: SoldLine[];
}

export interface CheckResult {
  salesMade: number;
  /** Sales the server holds for the run's devices. */
  salesOnServer: number;
  /** Made on a device (durable there), not on the server. */
  lost: number;
  /** Of the lost: refused by the server (the device holds the refusal). */
  refused: number;
  /** Applied more than once: a second sale row for one device number, or more stock movements than lines. */
  duplicated: number;
  /** Sales on the server that no device made. */
  phantom: number;
  /** Stock levels that differ from the sum of their ledger (opening stock included). */
  levelMismatches: number;
  /** Device × product pairs where the stock shown differs from the server's level. */
  displayedMismatches: number;
  /** Devices with documents still not acknowledged after the drain. */
  undrained: number;
  details: string[];
}

/** The run's verdict from the server's database and what each device reports. */
export async function checkRun(
  db: Db,
  made: readonly MadeSale[],
  reports: readonly DeviceReport[],
  locationId: string,
): Promise<CheckResult> {
  const details: string[] = [];
  const deviceIds = reports.map((r) => r.deviceId);
  const serverSales = await db
    .selectFrom('sales')
    .select(['id', 'device_id', 'device_seq'])
    .where('device_id', 'in', deviceIds)
    .execute();
  const onServer = new Map(serverSales.map((s) => [s.id, s]));
  const movementRows = await db
    .selectFrom('stock_movements')
    .select(['sale_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('sale_id', 'is not', null)
    .groupBy('sale_id')
    .execute();
  const movements = new Map(movementRows.map((r) => [r.sale_id!, Number(r.n)]));
  const rejections = new Map<string, string>();
  for (const r of reports) for (const [id, why] of Object.entries(r.rejections)) rejections.set(id, why);

  let lost = 0;
  let refused = 0;
  let duplicated = 0;
  const madeIds = new Set<string>();
  for (const sale of made) {
    madeIds.add(sale.saleId);
    if (!onServer.has(sale.saleId)) {
      lost += 1;
      const why = rejections.get(sale.saleId);
      if (why) refused += 1;
      details.push(`lost: sale ${sale.saleId} of device ${sale.device}${why ? ` (refused: ${why})` : ''}`);
      continue;
    }
    const applied = movements.get(sale.saleId) ?? 0;
    if (applied !== sale.lines.length) {
      duplicated += applied > sale.lines.length ? 1 : 0;
      details.push(`sale ${sale.saleId}: ${applied} stock movements for ${sale.lines.length} lines`);
    }
  }
  const byNumber = new Map<string, number>();
  for (const s of serverSales) {
    const key = `${s.device_id}#${s.device_seq}`;
    byNumber.set(key, (byNumber.get(key) ?? 0) + 1);
  }
  for (const [key, n] of byNumber)
    if (n > 1) {
      duplicated += n - 1;
      details.push(`duplicated: ${n} sales numbered ${key}`);
    }
  const phantom = serverSales.filter((s) => !madeIds.has(s.id));
  for (const s of phantom) details.push(`phantom: server sale ${s.id} (device ${s.device_id}) that no device made`);

  const levels = await db.selectFrom('stock_levels').select(['location_id', 'product_id', 'quantity']).execute();
  const sums = await db
    .selectFrom('stock_movements')
    .select(['location_id', 'product_id', (eb) => eb.fn.sum<number>('delta').as('total')])
    .groupBy(['location_id', 'product_id'])
    .execute();
  const ledger = new Map(sums.map((s) => [`${s.location_id}/${s.product_id}`, Number(s.total)]));
  let levelMismatches = 0;
  for (const l of levels) {
    const sum = ledger.get(`${l.location_id}/${l.product_id}`) ?? 0;
    if (Number(l.quantity) !== sum) {
      levelMismatches += 1;
      details.push(`level ${l.location_id}/${l.product_id}: ${l.quantity}, ledger says ${sum}`);
    }
  }

  const branchLevels = new Map(
    levels.filter((l) => l.location_id === locationId).map((l) => [l.product_id, Number(l.quantity)]),
  );
  let displayedMismatches = 0;
  let undrained = 0;
  for (const r of reports) {
    if (r.pending !== 0) {
      undrained += 1;
      details.push(`device ${r.index}: ${r.open ? `${r.pending} documents not acknowledged (${r.sync})` : 'closed'}`);
    }
    for (const [productId, level] of branchLevels) {
      const shown = r.displayed[productId];
      if (shown !== level) {
        displayedMismatches += 1;
        details.push(`device ${r.index} shows ${shown ?? 'nothing'} for ${productId}, the server has ${level}`);
      }
    }
  }
  return {
    salesMade: made.length,
    salesOnServer: serverSales.length,
    lost,
    refused,
    duplicated,
    phantom: phantom.length,
    levelMismatches,
    displayedMismatches,
    undrained,
    details,
  };
}

export function passed(c: CheckResult): boolean {
  return (
    c.lost === 0 &&
    c.duplicated === 0 &&
    c.phantom === 0 &&
    c.levelMismatches === 0 &&
    c.displayedMismatches === 0 &&
    c.undrained === 0
  );
}
