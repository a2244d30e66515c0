import fs from 'node:fs';

export interface ProcessTimes {
  /** Seconds the main thread ran on a CPU. */
  mainCpu: number;
  /** Seconds the main thread was ready to run but waited for a CPU (other processes had it). */
  mainWaiting: number;
  /** Seconds every other thread of the process ran (SQLite's checkpoint worker, libuv's pool). */
  otherCpu: number;
}

const schedstat = (tid: string) =>
  fs
    .readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8')
    .split(' ')
    .map((n) => Number(n) / 1e9);

/**
 * Where a long command's wall time went, from Linux's per-thread scheduler statistics
 * (/proc/self/task/<tid>/schedstat: ns on a CPU, ns waiting in the run queue). The main thread's
 * wall time is its time on a CPU, its time waiting for one, and the rest: blocked on the disk
 * (fsync, reads) or waiting for a worker. Null where /proc has no such file.
 */
export function processTimes(): ProcessTimes | null {
  try {
    const main = String(process.pid);
    const [mainCpu = 0, mainWaiting = 0] = schedstat(main);
    let otherCpu = 0;
    for (const tid of fs.readdirSync('/proc/self/task')) if (tid !== main) otherCpu += schedstat(tid)[0] ?? 0;
    return { mainCpu, mainWaiting, otherCpu };
  } catch {
    return null;
  }
}

/** "988.2 s: 120 s on a CPU, 850 s waiting for one (load average 15.6), 18 s blocked; 29 s in other threads". */
export function describeTimes(wallSeconds: number, before: ProcessTimes | null, after: ProcessTimes | null): string {
  if (!before || !after) return `${wallSeconds.toFixed(1)} s`;
  const cpu = after.mainCpu - before.mainCpu;
  const waiting = after.mainWaiting - before.mainWaiting;
  const load = fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0] : '?';
  const blocked = Math.max(0, wallSeconds - cpu - waiting);
  return (
    `${wallSeconds.toFixed(1)} s: ${cpu.toFixed(1)} s on a CPU, ${waiting.toFixed(1)} s waiting for one ` +
    `(load average ${load}), ${blocked.toFixed(1)} s blocked (disk, workers); ` +
    `${(after.otherCpu - before.otherCpu).toFixed(1)} s of CPU in its other threads`
  );
}
