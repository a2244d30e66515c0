/**
 * `npm run chaos -- [--seed N] [--minutes M] [--devices D] [--db sqlite|postgres|both]`
 *
 * Seeded chaos run (issue 9): D simulated tablets, each with the POS's own local database and
 * sync engine, sell against the real server in a child process, through a proxy that drops,
 * delays, duplicates and reorders requests, drops answers after the server committed, resets
 * connections and cuts live streams. The server is SIGKILLed and restarted at random moments,
 * tablets crash and start again from their local database, and their clocks are up to a day
 * wrong. Then the faults stop, everything drains, and the run checks: every sale made on a
 * device is on the server exactly once, every level equals its ledger's sum (opening stock
 * included), and every tablet shows the server's stock. One seed drives every decision (timing
 * aside); the table and the seed are printed, and the exit code is 1 on any loss, duplicate or
 * mismatch. Options: --fault-rate (share of requests faulted, 0.25), --sales-per-second,
 * --kill-every (mean seconds between server kills, 25), --database-url (PostgreSQL, default
 * TEST_DATABASE_URL or the local test database).
 */
import { parseArgs } from 'node:util';
import { issuePairingCode } from '../../server/auth/pairing';
import { DEMO_BRANCH_ID } from '../../server/db/seed-demo';
import { checkRun, passed, type MadeSale } from './checks';
import { DeviceFleet } from './device-fleet';
import { FaultProxy } from './fault-proxy';
import type { DeviceSpec } from './messages';
import { Prng } from './prng';
import { formatTable, type RunSummary } from './report';
import { ServerProcess, type DatabaseKind } from './server-process';

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string' },
    minutes: { type: 'string', default: '1' },
    devices: { type: 'string', default: '6' },
    db: { type: 'string', default: 'both' },
    'fault-rate': { type: 'string', default: '0.25' },
    'sales-per-second': { type: 'string' },
    'kill-every': { type: 'string', default: '25' },
    'drain-timeout': { type: 'string', default: '240' },
    'database-url': { type: 'string' },
  },
});

const seed = args.seed !== undefined ? Number(args.seed) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
const minutes = Number(args.minutes);
const deviceCount = Number(args.devices);
const faultRate = Number(args['fault-rate']);
const salesPerSecond = Number(args['sales-per-second'] ?? Math.min(deviceCount * 0.5, 15));
const killEverySeconds = Number(args['kill-every']);
const drainTimeoutMs = Number(args['drain-timeout']) * 1000;
const databaseUrl = args['database-url'] ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const kinds: DatabaseKind[] = args.db === 'both' ? ['sqlite', 'postgres'] : [args.db as DatabaseKind];
if (!kinds.every((k) => k === 'sqlite' || k === 'postgres')) throw new Error('--db is sqlite, postgres or both');
if (!(minutes > 0 && deviceCount > 0)) throw new Error('--minutes and --devices must be positive');

const TICK_MS = 100;
/** Each tablet crashes about once in this many seconds. */
const CRASH_EVERY_SECONDS = 90;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (s: string) => console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${s}`);

/** A restart after a kill; a server that cannot start three times running ends the run (its log says why). */
async function restart(server: ServerProcess): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await server.restart();
    } catch (err) {
      if (attempt === 3) throw err;
      log(
        `${server.kind}: restart ${attempt} failed (${err instanceof Error ? err.message : String(err)}); again in 2 s`,
      );
      await sleep(2000);
    }
  }
}

async function run(kind: DatabaseKind): Promise<RunSummary> {
  const prng = new Prng(seed).fork(kind);
  const schedule = prng.fork('schedule');
  const server = await ServerProcess.create(kind, databaseUrl);
  log(`${kind}: starting the server (log: ${server.logFile})`);
  await server.start();
  const db = server.openDb();
  let keep = true;
  let fleet: DeviceFleet | null = null;
  const proxy = new FaultProxy(prng.fork('proxy'), server.port, 0);
  try {
    const branch = await db
      .selectFrom('branches')
      .select('location_id')
      .where('id', '=', DEMO_BRANCH_ID)
      .executeTakeFirstOrThrow();
    const proxyUrl = await proxy.listen();
    const specs: DeviceSpec[] = [];
    for (let index = 0; index < deviceCount; index++) {
      const { code } = await issuePairingCode(db, DEMO_BRANCH_ID, 60);
      specs.push({
        index,
        dbName: `chaos-${kind}-${seed}-${index}`,
        code,
        skewMs: prng.int(-86_400_000, 86_400_000),
      });
    }
    log(`${kind}: pairing ${deviceCount} devices and pulling their catalogue`);
    fleet = await DeviceFleet.open(specs, server.url, proxyUrl);

    log(`${kind}: chaos for ${minutes} min (seed ${seed})`);
    proxy.faultRate = faultRate;
    const made: MadeSale[] = [];
    const inFlight = new Set<Promise<unknown>>();
    const track = (p: Promise<unknown>) => {
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    };
    const down = new Set<number>();
    let crashes = 0;
    let notMade = 0;
    let serverBusy = false;
    const end = Date.now() + minutes * 60_000;
    const perTick = (salesPerSecond * TICK_MS) / 1000;
    let fatal: string | null = null;
    for (let tick = 0; Date.now() < end && !fatal; tick++) {
      const sales = Math.floor(perTick) + (schedule.chance(perTick % 1) ? 1 : 0);
      for (let s = 0; s < sales; s++) {
        const index = schedule.int(0, deviceCount - 1);
        const picks = Array.from({ length: schedule.int(1, 3) }, () => ({
          pick: schedule.int(0, 999),
          quantity: schedule.int(1, 3),
        }));
        if (down.has(index)) {
          notMade += 1;
          continue;
        }
        track(
          fleet.sell(index, picks).then((outcome) => {
            if (outcome.ok) made.push({ device: index, saleId: outcome.saleId, lines: outcome.lines });
            else notMade += 1;
          }),
        );
      }
      if (schedule.chance((deviceCount * TICK_MS) / 1000 / CRASH_EVERY_SECONDS)) {
        const index = schedule.int(0, deviceCount - 1);
        const downMs = schedule.int(200, 3000);
        if (!down.has(index)) {
          down.add(index);
          crashes += 1;
          track(fleet.crash(index, downMs).then(() => down.delete(index)));
        }
      }
      if (schedule.chance(TICK_MS / 1000 / killEverySeconds)) {
        const downMs = schedule.int(0, 3000);
        if (!serverBusy) {
          serverBusy = true;
          track(
            (async () => {
              await server.kill();
              log(`${kind}: server SIGKILLed (${server.kills}), back in ${downMs} ms + its start`);
              await sleep(downMs);
              await restart(server);
            })()
              .catch((err: unknown) => (fatal ??= err instanceof Error ? err.message : String(err)))
              .finally(() => (serverBusy = false)),
          );
        }
      }
      if (tick % 100 === 0 && tick > 0)
        log(
          `${kind}: ${made.length} sales, ${proxy.counts.requests} requests, ${server.kills} kills, ${crashes} crashes`,
        );
      await sleep(TICK_MS);
    }

    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    if (fatal) throw new Error(`${kind}: the run stopped: ${fatal}`);
    log(`${kind}: faults off; draining`);
    proxy.faultRate = 0;
    if (!server.running) await restart(server);
    const drainStart = Date.now();
    fleet.syncNow();
    let reports = await fleet.report();
    for (;;) {
      const check = await checkRun(db, made, reports, branch.location_id);
      if (passed(check) || Date.now() - drainStart > drainTimeoutMs) break;
      if (Math.round((Date.now() - drainStart) / 2000) % 10 === 0)
        log(
          `${kind}: draining: ${check.lost} sales not on the server yet, ${check.undrained} devices with pending documents, ${check.displayedMismatches} stock figures behind`,
        );
      await sleep(2000);
      reports = await fleet.report();
    }
    const drainSeconds = Math.round((Date.now() - drainStart) / 100) / 10;
    const check = await checkRun(db, made, reports, branch.location_id);
    keep = !passed(check);
    if (fleet.hostErrors.length) log(`${kind}: device host errors:\n  ${fleet.hostErrors.join('\n  ')}`);
    const errors = server.loggedErrors();
    if (errors.first) log(`${kind}: the server logged ${errors.count} errors; the first:\n  ${errors.first}`);
    if (keep) {
      log(`${kind}: FAILED (seed ${seed}); first problems:\n  ${check.details.slice(0, 40).join('\n  ')}`);
      log(`${kind}: database and server log kept: ${server.logFile}`);
    }
    return {
      database: kind === 'sqlite' ? 'SQLite' : 'PostgreSQL',
      seed,
      minutes,
      devices: deviceCount,
      requests: proxy.counts.requests,
      faults: { ...proxy.counts },
      serverKills: server.kills,
      deviceCrashes: crashes,
      salesNotMade: notMade,
      drainSeconds,
      serverErrors: errors.count,
      check,
    };
  } finally {
    await fleet?.close().catch(() => undefined);
    await proxy.close().catch(() => undefined);
    await db.destroy().catch(() => undefined);
    await server.cleanup(keep).catch(() => undefined);
  }
}

console.log(`chaos: seed ${seed} (repeat with --seed ${seed})`);
const results: RunSummary[] = [];
for (const kind of kinds) {
  try {
    results.push(await run(kind));
  } catch (err) {
    console.error(`chaos: FAIL (seed ${seed}): ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
console.log('\n' + formatTable(results) + '\n');
const ok = results.every((r) => passed(r.check));
console.log(ok ? `chaos: PASS (seed ${seed})` : `chaos: FAIL (seed ${seed})`);
process.exit(ok ? 0 : 1);
