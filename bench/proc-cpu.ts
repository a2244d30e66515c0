/** CPU time of processes from Linux's /proc (the benches' load-independent measure); null elsewhere. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const CLOCK_TICKS_PER_S = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** A process's /proc/<pid>/stat, or null when it is gone or there is no /proc. */
export function readStat(pid: number | string): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
}

/**
 * CPU ms of a /proc/<pid>/stat: utime + stime, and with `withChildren` cutime + cstime too (ended
 * children the process reaped).
 */
export function cpuMsOf(stat: string, withChildren = false): number {
  // After "pid (name) ": state is the first field; utime, stime, cutime, cstime the 12th to 15th.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(f[11]) + Number(f[12]) + (withChildren ? Number(f[13]) + Number(f[14]) : 0);
  return (ticks * 1000) / CLOCK_TICKS_PER_S;
}

/**
 * CPU time a process has used so far, in ms (null without /proc). Steadier than latency on a
 * shared machine: it counts the work, not the waiting.
 */
export function processCpuMs(pid: number): number | null {
  const stat = readStat(pid);
  return stat === null ? null : cpuMsOf(stat);
}

/**
 * CPU ms of every `postgres` process on this machine (backends, WAL writer, checkpointer, …) with
 * the ended backends the postmaster reaped; null when none runs here.
 */
export function postgresProcessesCpuMs(): number | null {
  let all = 0;
  let seen = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (!stat || !stat.includes('(postgres)')) continue;
    all += cpuMsOf(stat, true);
    seen++;
  }
  return seen === 0 ? null : all;
}
