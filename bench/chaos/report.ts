import { FAULT_KINDS, type ProxyCounts } from './fault-proxy';
import type { CheckResult } from './checks';

export interface RunSummary {
  database: string;
  seed: number;
  minutes: number;
  devices: number;
  requests: number;
  faults: ProxyCounts;
  serverKills: number;
  deviceCrashes: number;
  /** Sales a device could not make (closed for a crash at the moment, or no catalogue yet). */
  salesNotMade: number;
  drainSeconds: number;
  /** Errors in the server's log (unhandled errors behind 5xx answers). */
  serverErrors: number;
  check: CheckResult;
}

const LABELS: [string, (r: RunSummary) => number | string][] = [
  ['sales made (durable on a device)', (r) => r.check.salesMade],
  ['sales on the server', (r) => r.check.salesOnServer],
  ['sales not made (tablet down at the time)', (r) => r.salesNotMade],
  ['proxied requests', (r) => r.requests],
  ...FAULT_KINDS.map((k): [string, (r: RunSummary) => number] => [`fault: ${k}`, (r) => r.faults[k]]),
  ['requests that met a dead server', (r) => r.faults.serverDown],
  ['server SIGKILLs', (r) => r.serverKills],
  ['device crashes', (r) => r.deviceCrashes],
  ['drain after the faults (s)', (r) => r.drainSeconds],
  ['server errors logged', (r) => r.serverErrors],
  ['LOST', (r) => r.check.lost],
  ['  of which refused', (r) => r.check.refused],
  ['DUPLICATED', (r) => r.check.duplicated],
  ['PHANTOM (on server, made by no device)', (r) => r.check.phantom],
  ['LEVEL MISMATCHES (level vs ledger)', (r) => r.check.levelMismatches],
  ['DISPLAYED-STOCK MISMATCHES', (r) => r.check.displayedMismatches],
  ['devices not drained', (r) => r.check.undrained],
];

/** The run's table: one column per database. */
export function formatTable(runs: readonly RunSummary[]): string {
  const first = runs[0];
  if (!first) return '';
  const header = ['', ...runs.map((r) => r.database)];
  const rows = LABELS.map(([label, get]) => [label, ...runs.map((r) => String(get(r)))]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|';
  return [
    `chaos run: seed ${first.seed}, ${first.minutes} min, ${first.devices} devices`,
    line(header),
    rule,
    ...rows.map(line),
  ].join('\n');
}
