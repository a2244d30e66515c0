/**
 * Many tablets reconnecting at once (issue 14, item 4): `connections` new connections arriving
 * within `spreadMs`, each a device coming back — its live stream on a connection of its own, then
 * a pull of its stock and a push of one sale on another new connection. Counted per connection:
 * the time to its first answer (the stream's headers, the pull's response). Node accepts one new
 * connection per turn of its event loop, so a busy server answers a burst late.
 */
import fs from 'node:fs';
import http from 'node:http';
import { SYNC_STREAM_PATH, syncPath, type Checkpoint } from '../shared/protocol';
import { percentile } from './bench-http';
import { round } from './phase-result';
import { postgresProcessesCpuMs } from './proc-cpu';

/** Where the machine's CPU went during a burst: is it the machine (2 cores) or the server's one loop? */
interface CpuSnapshot {
  /** The bench process (the load generator: these tablets and the target rate's devices). */
  bench: number;
  /** Every `postgres` process (0 on SQLite). */
  postgres: number;
  /** The whole machine: busy and total ms over all cores, from /proc/stat. */
  machineBusy: number;
  machineTotal: number;
}

function cpuSnapshot(): CpuSnapshot | null {
  try {
    const usage = process.cpuUsage();
    const postgres = postgresProcessesCpuMs() ?? 0;
    // cpu user nice system idle iowait irq softirq steal …, in clock ticks (10 ms).
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0) * 10;
    const idle = (f[3]! + f[4]!) * 10;
    return { bench: (usage.user + usage.system) / 1000, postgres, machineBusy: total - idle, machineTotal: total };
  } catch {
    return null;
  }
}

export interface Reconnecting {
  token: string;
  /**
   * The stock checkpoint the tablet had when its connection dropped: it pulls what changed since.
   * Null: it pulls its branch's whole stock, as a new tablet does (the heavier, older form of this phase).
   */
  since: Checkpoint | null;
  /** The body of the one-sale push the device sends after its pull. */
  pushBody(): string;
}

function firstAnswer(url: URL, method: string, token: string, body?: string, agent?: http.Agent) {
  return new Promise<{ ms: number; res: http.IncomingMessage }>((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      {
        agent: agent ?? false,
        method,
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
            : {}),
        },
      },
      (res) => resolve({ ms: performance.now() - started, res }),
    );
    req.on('error', reject);
    req.end(body);
  });
}

const readJson = (res: http.IncomingMessage) =>
  new Promise<unknown>((resolve) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (c: string) => (body += c));
    res.on('end', () => resolve(JSON.parse(body) as unknown));
    res.on('error', () => resolve({}));
  });

const drain = (res: http.IncomingMessage) =>
  new Promise<void>((resolve) => {
    res.resume();
    res.on('end', resolve);
    res.on('error', () => resolve());
  });

export interface BurstResult {
  connections: number;
  /** First answers, the streams' headers and the pulls' responses together. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The streams' headers alone, and the pulls' responses alone: p50 / p99. */
  streamMs: [number, number];
  pullMs: [number, number];
  /** Stock levels a pull returned, on average (what the server had to read and send). */
  levelsPerPull: number;
  /** Wall time from the first connection to the last push answered. */
  seconds: number;
  /** Server CPU (all threads) from the first connection to the last answer, per reconnecting tablet; includes whatever else the server did meanwhile. */
  serverCpuMsPerReconnect: number | null;
  errors: number;
}

const p50p99 = (sorted: number[]): [number, number] => [
  round(percentile(sorted, 50), 1),
  round(percentile(sorted, 99), 1),
];

export async function reconnectBurst(
  base: string,
  devices: readonly Reconnecting[],
  connections: number,
  spreadMs: number,
  serverCpuMs: () => number | null = () => null,
): Promise<BurstResult> {
  // RECONNECT_STEPS=stream,pull,push (the default): which of a reconnect's three requests to send, to
  // measure each on its own (with a low TARGET_LINES_PER_S).
  const steps = new Set((process.env.RECONNECT_STEPS ?? 'stream,pull,push').split(','));
  const firstAnswers: number[] = [];
  const streamAnswers: number[] = [];
  const pullAnswers: number[] = [];
  let levels = 0;
  const streams: http.IncomingMessage[] = [];
  let errors = 0;
  const cpuAtStart = serverCpuMs();
  const machineAtStart = cpuSnapshot();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, i) => {
      const device = devices[i % devices.length]!;
      const wait = started + (i * spreadMs) / connections - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        if (steps.has('stream')) {
          const stream = await firstAnswer(new URL(SYNC_STREAM_PATH, base), 'GET', device.token);
          firstAnswers.push(stream.ms);
          streamAnswers.push(stream.ms);
          streams.push(stream.res);
        }
        if (steps.has('pull')) {
          const since = device.since ? `&seq=${device.since.seq}&id=${encodeURIComponent(device.since.id)}` : '';
          const pull = await firstAnswer(
            new URL(`${syncPath('stock', 'pull')}?limit=1000${since}`, base),
            'GET',
            device.token,
            undefined,
            agent,
          );
          firstAnswers.push(pull.ms);
          pullAnswers.push(pull.ms);
          levels += ((await readJson(pull.res)) as { documents?: unknown[] }).documents?.length ?? 0;
        }
        if (steps.has('push')) {
          const pushed = await firstAnswer(
            new URL(syncPath('sales', 'push'), base),
            'POST',
            device.token,
            device.pushBody(),
            agent,
          );
          if (pushed.res.statusCode !== 200) errors++;
          await drain(pushed.res);
        }
      } catch {
        errors++;
      } finally {
        agent.destroy();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuAtEnd = serverCpuMs();
  const machineAtEnd = cpuSnapshot();
  if (machineAtStart && machineAtEnd && cpuAtStart !== null && cpuAtEnd !== null) {
    const ms = seconds * 1000;
    const share = (cpu: number) => `${round(cpu, 0)} ms (${round(cpu / ms, 2)} cores)`;
    console.log(
      `reconnect burst ${round(seconds, 2)} s, CPU used meanwhile: server ${share(cpuAtEnd - cpuAtStart)}, bench ${share(
        machineAtEnd.bench - machineAtStart.bench,
      )}, postgres ${share(machineAtEnd.postgres - machineAtStart.postgres)}, whole machine ${share(
        machineAtEnd.machineBusy - machineAtStart.machineBusy,
      )} of ${round((machineAtEnd.machineTotal - machineAtStart.machineTotal) / ms, 2)} cores`,
    );
  }
  for (const s of streams) s.destroy();
  for (const list of [firstAnswers, streamAnswers, pullAnswers]) list.sort((a, b) => a - b);
  return {
    connections,
    p50Ms: round(percentile(firstAnswers, 50), 1),
    p99Ms: round(percentile(firstAnswers, 99), 1),
    maxMs: round(firstAnswers.at(-1) ?? NaN, 1),
    streamMs: p50p99(streamAnswers),
    pullMs: p50p99(pullAnswers),
    levelsPerPull: round(levels / Math.max(1, pullAnswers.length), 1),
    seconds: round(seconds, 2),
    serverCpuMsPerReconnect:
      cpuAtStart === null || cpuAtEnd === null ? null : round((cpuAtEnd - cpuAtStart) / connections, 2),
    errors,
  };
}

/**
 * Where a tablet of each branch stands after pulling its whole stock (what a connected tablet's
 * live stream keeps it at): the checkpoint, by branch location, from one device's pulls.
 */
export async function caughtUp(
  base: string,
  devices: readonly { token: string; branch: { locationId: string } }[],
): Promise<Map<string, Checkpoint>> {
  const out = new Map<string, Checkpoint>();
  for (const d of devices) {
    if (out.has(d.branch.locationId)) continue;
    let checkpoint: Checkpoint = { seq: 0, id: '' };
    for (;;) {
      const url = new URL(
        `${syncPath('stock', 'pull')}?limit=1000&seq=${checkpoint.seq}&id=${encodeURIComponent(checkpoint.id)}`,
        base,
      );
      const { res } = await firstAnswer(url, 'GET', d.token);
      const page = (await readJson(res)) as { checkpoint: Checkpoint | null };
      if (!page.checkpoint) break;
      checkpoint = page.checkpoint;
    }
    out.set(d.branch.locationId, checkpoint);
  }
  return out;
}
