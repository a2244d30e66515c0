import fs from 'node:fs';

export interface ProcessTimes {
  /** Seconds the process's threads ran on a CPU. */
  cpu: number;
  /** Seconds they were ready to run but waited for a CPU (other processes had it). */
  waitingForCpu: number;
}

/**
 * Where a long command's wall time went, from Linux's per-thread scheduler statistics
 * (/proc/self/task/<tid>/schedstat: ns on a CPU, ns waiting in the run queue, slices). What is
 * neither was spent blocked: on the disk (fsync, reads) or idle. Null where /proc has no such file.
 */
export function processTimes(): ProcessTimes | null {
  try {
    let run = 0;
    let wait = 0;
    for (const tid of fs.readdirSync('/proc/self/task')) {
      const [onCpu, queued] = fs.readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
      run += onCpu ?? 0;
      wait += queued ?? 0;
    }
    return { cpu: run / 1e9, waitingForCpu: wait / 1e9 };
  } catch {
    return null;
  }
}

/** "… s: 85 s on a CPU, 300 s waiting for one (load average 15.2), 12 s blocked", or the wall time alone. */
export function describeTimes(wallSeconds: number, before: ProcessTimes | null, after: ProcessTimes | null): string {
  if (!before || !after) return `${wallSeconds.toFixed(1)} s`;
  const cpu = after.cpu - before.cpu;
  const waiting = after.waitingForCpu - before.waitingForCpu;
  const load = fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0] : '?';
  // Threads overlap (the main thread and SQLite's checkpoint worker), so the parts may add up to more than the wall.
  const blocked = Math.max(0, wallSeconds - cpu - waiting);
  return (
    `${wallSeconds.toFixed(1)} s: ${cpu.toFixed(1)} s on a CPU, ${waiting.toFixed(1)} s waiting for one ` +
    `(load average ${load}), about ${blocked.toFixed(1)} s blocked (disk)`
  );
}
