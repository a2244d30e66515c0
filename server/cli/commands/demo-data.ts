import { sql } from 'kysely';
import { BRANCHES, CATEGORIES, type DemoOptions } from '../demo-chain/demo-setup';
import { makeDemoChain } from '../demo-chain/make-chain';
import { UsageError, stringOption, type CliCommand } from '../cli-command';
import { describeTimes, processTimes } from '../process-times';

export { makeDemoChain };
export type { DemoOptions };

function positiveInt(ctx: Parameters<CliCommand['run']>[0], name: string, fallback: number): number {
  const text = stringOption(ctx, name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a whole number above 0, not "${text}".`);
  return n;
}

export const command: CliCommand = {
  name: 'demo-data',
  summary: 'Fill a fresh database with a demo chain: 5 branches, 20,000 products, 90 days of sales.',
  usage: 'demo-data [--force] [--days N] [--tickets N] [--products N] [--seed N]',
  help: `Makes a realistic chain through the same code paths as the real one: 5 branches in Mexico City
time, 20,000 products in ${CATEGORIES.length} categories, two paired tablets and four cashiers per branch, and
--days (default 90) days of sales — about --tickets (default 1000) tickets per branch per day,
busier at noon, in the evening and on weekends — with refunds, shifts, weekly transfers from the
centre, counts, and a few reconciliation items of each kind. The products and the opening stock
are written in bulk, as the same rows the console writes; every sale, refund, shift event, transfer
receipt and count goes through the tablets' ingest. Every figure of the console then agrees with
the ledger.

A database that already has sales is refused unless --force (which adds another chain's sales).
Takes about two minutes on an idle 2-core machine with the defaults (SQLite).`,
  options: {
    force: { type: 'boolean' },
    days: { type: 'string' },
    tickets: { type: 'string' },
    products: { type: 'string' },
    seed: { type: 'string' },
  },
  async run(ctx) {
    const options: DemoOptions = {
      days: positiveInt(ctx, 'days', 90),
      ticketsPerDay: positiveInt(ctx, 'tickets', 1000),
      products: positiveInt(ctx, 'products', 20_000),
      seed: positiveInt(ctx, 'seed', 12),
      log: (line) => console.log(line),
    };
    if (options.products < 110) throw new UsageError('--products must be at least 110 (counts use products 100-103).');
    const db = await ctx.openDb();
    const sales = await db
      .selectFrom('sales')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(sales.n) > 0 && ctx.values.force !== true) {
      console.error(
        `This database already has ${Number(sales.n).toLocaleString('en-US')} sales; demo data goes into a fresh database. Use --force to add a demo chain anyway.`,
      );
      return 1;
    }
    // A demo database is made in one go: on SQLite, commits need not wait for the disk (WAL keeps
    // them consistent; only a power cut during the run could lose its last part).
    if (ctx.config.databaseKind === 'sqlite') await sql`pragma synchronous = normal`.execute(db);
    const before = processTimes();
    const { tickets, seconds } = await makeDemoChain(db, options);
    // Tables loaded in one go have no planner statistics until autovacuum gets to them, and without them
    // PostgreSQL scans every sale line for the home page's top products (bench:console: 356 -> 75 ms p50).
    if (ctx.config.databaseKind === 'postgres') await sql`analyze`.execute(db);
    console.log(
      `Demo chain ready: ${tickets.toLocaleString('en-US')} tickets in ${options.days} days across ${BRANCHES.length} branches, ${describeTimes(seconds, before, processTimes())}.`,
    );
    return 0;
  },
};
