import type { SaleDoc, ShiftEventDoc } from '../../../shared/protocol';
import { addDays, localDayStart, localParts } from '../../../shared/console/reports-time';
import type { Db } from '../../db/database';
import { ingestDocuments } from '../../ledger/ingest-documents';
import { ingestSales } from '../../ledger/ingest-sales';
import { shiftEventsKind } from '../../ledger/ingest-shift-events';
import { ensureBranches, pairTills } from './branches';
import { cyclicCounts } from './counts';
import { branchDaySales, shiftsOfDay, type DayContext, type SalesMemory } from './day-sales';
import {
  BRANCHES,
  CATEGORIES,
  TIME_ZONE,
  WEEKDAY_FACTORS,
  dice as makeDice,
  iso,
  type DemoOptions,
  type DemoProduct,
  type Dice,
  type Till,
} from './demo-setup';
import { reportTills } from './device-status';
import { receiveOpeningStock } from './opening-stock';
import { popularity as popularityOf, writeDemoProducts, type Popularity } from './products';
import { tillShiftEvents } from './shift-events';
import { weeklyResupply } from './resupply';

interface Chain {
  db: Db;
  o: DemoOptions;
  dice: Dice;
  now: Date;
  firstDay: string;
  products: DemoProduct[];
  popularity: Popularity;
  tills: Map<string, Till[]>;
  memory: SalesMemory;
  tickets: number;
}

/** When a tablet sends a batch: a minute after its last document, and not after `now`. */
const sentAfter = (now: Date, lastAt: string) => iso(Math.min(now.getTime(), Date.parse(lastAt) + 60_000));

/** Every branch's sales and shift events of one day, through the device ingest, a device-day per batch. */
async function sellDay(chain: Chain, day: number, dayStart: number, weekday: number): Promise<void> {
  const { db, o, now } = chain;
  const c: DayContext = { ...chain, day, days: o.days };
  const works: Promise<unknown>[] = [];
  const shiftBatches: { till: Till; events: ShiftEventDoc[] }[] = [];
  for (const b of BRANCHES) {
    const own = chain.tills.get(b.id)!;
    const shifts = shiftsOfDay(own, dayStart);
    const count = Math.round(o.ticketsPerDay * WEEKDAY_FACTORS[weekday]! * (0.9 + chain.dice.rnd() * 0.2));
    const byTill: Map<Till, SaleDoc[]> = branchDaySales(c, b, own, shifts, count, dayStart);
    for (const [till, docs] of byTill) {
      if (docs.length === 0) continue;
      const sent = ingestSales(
        db,
        till.device,
        docs.map((doc) => ({ newDocumentState: doc })),
        sentAfter(now, docs.at(-1)!.createdAt),
      );
      works.push(
        sent.then((r) => {
          if (r.rejected.length) throw new Error(`demo sales refused: ${r.rejected[0]!.message}`);
        }),
      );
      chain.tickets += docs.length;
    }
    for (const till of own) {
      const events = tillShiftEvents(till, b.id, shifts, now, chain.dice);
      if (events.length) shiftBatches.push({ till, events });
    }
  }
  await Promise.all(works);
  for (const { till, events } of shiftBatches) {
    const r = await ingestDocuments(
      db,
      till.device,
      shiftEventsKind,
      events.map((e) => ({ newDocumentState: e })),
      sentAfter(now, events.at(-1)!.at),
    );
    if (r.rejected.length) throw new Error(`demo shift events refused: ${r.rejected[0]!.message}`);
  }
}

/** One day of the chain: its sales and shifts, the weekly resupply on Mondays, counts in the last two days. */
async function chainDay(chain: Chain, day: number): Promise<void> {
  const { db, o, now } = chain;
  const date = addDays(chain.firstDay, day);
  const dayStart = Date.parse(localDayStart(date, TIME_ZONE));
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  await sellDay(chain, day, dayStart, weekday);
  if (weekday === 0 && day < o.days - 1)
    await weeklyResupply(db, chain.tills, chain.products, dayStart, day >= o.days - 8);
  if (day >= o.days - 2) await cyclicCounts(db, chain.tills, chain.products, dayStart, now);
}

/**
 * Makes a chain on the database through the same code paths as the real thing: branches and
 * cashiers as the console makes them, products and opening stock as the console writes them (in
 * bulk), transfers and device transfer receipts, tablets paired with codes, and every sale, refund,
 * shift event and count through the device ingest (batched a device-day at a time, so group
 * commit shares transactions). Returns how many tickets it recorded.
 */
export async function makeDemoChain(db: Db, o: DemoOptions): Promise<{ tickets: number; seconds: number }> {
  const started = Date.now();
  const log = o.log ?? (() => undefined);
  const dice = makeDice(o.seed);
  const now = o.now ?? new Date();
  const firstDay = addDays(localParts(now, TIME_ZONE).date, -(o.days - 1));
  const openingIso = new Date(Date.parse(localDayStart(firstDay, TIME_ZONE)) - 86_400_000).toISOString();

  await ensureBranches(db);
  log(`${BRANCHES.length} branches ready`);
  const products = await writeDemoProducts(db, o.products, dice, openingIso);
  log(`${products.length} products in ${CATEGORIES.length} categories`);
  const popularity = popularityOf(products.length, dice);
  const { days, ticketsPerDay } = o;
  await receiveOpeningStock(db, { products, weightSum: popularity.weightSum, days, ticketsPerDay, at: openingIso });
  log('opening stock received at the centre and every branch');
  const tills = await pairTills(db, dice);
  log(`${BRANCHES.length * 2} tablets paired, ${BRANCHES.length * 4} cashiers`);

  const branchLists = () => new Map<string, SaleDoc[]>(BRANCHES.map((b) => [b.id, []]));
  const memory: SalesMemory = { recent: branchLists(), refunded: branchLists(), mismatches: 0, doubleRefunds: 0 };
  const chain: Chain = { db, o, dice, now, firstDay, products, popularity, tills, memory, tickets: 0 };
  for (let d = 0; d < o.days; d++) {
    await chainDay(chain, d);
    log(
      `day ${d + 1}/${o.days} (${addDays(firstDay, d)}): ${chain.tickets.toLocaleString('en-US')} tickets so far, ${Math.round((Date.now() - started) / 1000)} s`,
    );
  }
  await reportTills(db, tills, now);
  return { tickets: chain.tickets, seconds: (Date.now() - started) / 1000 };
}
