import { randomInt } from 'node:crypto';
import { DEMO_BRANCH_ID } from '../server/db/seed-demo';
import { call, pool } from './bench-http';
import { phaseClock, summarise, type PhaseResult, type ServerUnderTest } from './phase-result';

/** The seed's five products and their prices (its central inventory and our demo catalogue). */
const PRICES = new Map([
  [1, 2.5],
  [2, 1.8],
  [3, 3.2],
  [4, 8.9],
  [5, 12.5],
]);

/**
 * The seed's prototype reporting its sales: `concurrency` clients each posting one
 * notification per sale to `${pathPrefix}/sale-notification` (ours under /legacy/<key>, or the
 * seed's own central at the root).
 */
export async function legacyPhase(
  server: ServerUnderTest,
  pathPrefix: string,
  label: string,
  options: { requests: number; concurrency: number; noteError(message: string): void },
): Promise<PhaseResult> {
  const latencies: number[] = [];
  let errors = 0;
  let sales = 0;
  const startIso = Date.now();
  const clock = await phaseClock(server);
  await pool(
    Array.from({ length: options.requests }, (_, i) => i),
    options.concurrency,
    async (i) => {
      const productId = 1 + (i % 5);
      const quantity = 1 + randomInt(3);
      // The prototype's naive datetime.now().isoformat(), unique per sale; its float total.
      const timestamp = new Date(startIso + i).toISOString().replace('Z', '') + String(i % 1000).padStart(3, '0');
      const body = JSON.stringify({
        branch_id: DEMO_BRANCH_ID,
        product_id: productId,
        quantity_sold: quantity,
        timestamp,
        sale_price: PRICES.get(productId)! * quantity,
      });
      const t = performance.now();
      const res = await call(server.url, 'POST', `${pathPrefix}/sale-notification`, body).catch((err: unknown) => ({
        status: 0,
        text: String(err),
      }));
      latencies.push(performance.now() - t);
      if (res.status === 200) sales++;
      else {
        errors++;
        options.noteError(`legacy answered ${res.status}: ${res.text.slice(0, 300)}`);
      }
    },
  );
  return summarise(
    `${label} · legacy sale-notification: ${options.concurrency} clients, 1 sale per request`,
    latencies,
    sales,
    errors,
    clock,
  );
}
