import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeviceReport, DeviceSpec, FromHost, SoldLine, ToHost } from './messages';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** 4 collections a device, 13 open collections a process (RxDB's free storage). */
export const DEVICES_PER_HOST = 3;

type Waiters<T> = Map<string, ((value: T) => void)[]>;

function waitFor<T>(waiters: Waiters<T>, key: string): Promise<T> {
  return new Promise((resolve) => {
    const list = waiters.get(key) ?? [];
    list.push(resolve);
    waiters.set(key, list);
  });
}

function wake<T>(waiters: Waiters<T>, key: string, value: T): void {
  waiters.get(key)?.shift()?.(value);
}

export type SellOutcome = { ok: true; saleId: string; lines: SoldLine[] } | { ok: false; error: string };

/** The simulated devices, a few per child process; every call names a device by its index. */
export class DeviceFleet {
  private readonly hostOf = new Map<number, ChildProcess>();
  private readonly waiters: Waiters<unknown> = new Map();
  readonly hostErrors: string[] = [];
  /** Fails the fleet's opening when a host reports an error before every device is open. */
  private failed: ((err: Error) => void) | null = null;

  private constructor(private readonly hosts: ChildProcess[]) {
    for (const host of hosts) {
      host.on('message', (m: FromHost) => {
        switch (m.type) {
          case 'sold':
            return wake(this.waiters, `sell:${m.index}`, { ok: true, saleId: m.saleId, lines: m.lines });
          case 'sellFailed':
            return wake(this.waiters, `sell:${m.index}`, { ok: false, error: m.error });
          case 'reopened':
            return wake(this.waiters, `crash:${m.index}`, undefined);
          case 'reopenFailed':
            this.hostErrors.push(`device ${m.index} did not start again after a crash: ${m.error}`);
            return wake(this.waiters, `crash:${m.index}`, undefined);
          case 'error':
            this.hostErrors.push(m.error);
            this.failed?.(new Error(`a device host failed: ${m.error}`));
            return;
          default:
            return wake(this.waiters, `${m.type}:${host.pid}`, m);
        }
      });
    }
  }

  static async open(specs: DeviceSpec[], directUrl: string, proxyUrl: string): Promise<DeviceFleet> {
    const groups: DeviceSpec[][] = [];
    for (let i = 0; i < specs.length; i += DEVICES_PER_HOST) groups.push(specs.slice(i, i + DEVICES_PER_HOST));
    const hosts = groups.map(() =>
      fork(path.join(HERE, 'device-host.ts'), [], {
        execArgv: ['--import', 'tsx'],
        // stdout is only RxDB's banner; errors go to stderr.
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      }),
    );
    const fleet = new DeviceFleet(hosts);
    groups.forEach((group, n) => group.forEach((spec) => fleet.hostOf.set(spec.index, hosts[n]!)));
    const failure = new Promise<never>((_, reject) => (fleet.failed = reject));
    const allOpen = Promise.all(
      hosts.map((host, n) => {
        const opened = waitFor(fleet.waiters, `opened:${host.pid}`);
        fleet.send(host, { type: 'open', devices: groups[n]!, directUrl, proxyUrl });
        return Promise.race([
          opened,
          new Promise((_, reject) =>
            host.once('exit', (code) => reject(new Error(`a device host exited with ${code} while opening`))),
          ),
        ]);
      }),
    );
    try {
      await Promise.race([allOpen, failure]);
    } catch (err) {
      for (const host of hosts) host.kill('SIGKILL');
      throw err;
    }
    fleet.failed = null;
    return fleet;
  }

  private send(host: ChildProcess, m: ToHost): void {
    if (host.connected) host.send(m);
  }

  sell(index: number, productPicks: { pick: number; quantity: number }[]): Promise<SellOutcome> {
    const done = waitFor(this.waiters, `sell:${index}`) as Promise<SellOutcome>;
    this.send(this.hostOf.get(index)!, { type: 'sell', index, productPicks });
    return done;
  }

  /** Resolves when the device has started again. */
  crash(index: number, downMs: number): Promise<void> {
    const done = waitFor(this.waiters, `crash:${index}`) as Promise<void>;
    this.send(this.hostOf.get(index)!, { type: 'crash', index, downMs });
    return done;
  }

  syncNow(): void {
    for (const host of this.hosts) this.send(host, { type: 'syncNow' });
  }

  async report(): Promise<DeviceReport[]> {
    const answers = await Promise.all(
      this.hosts.map((host) => {
        const done = waitFor(this.waiters, `report:${host.pid}`) as Promise<{ devices: DeviceReport[] }>;
        this.send(host, { type: 'report' });
        return done;
      }),
    );
    return answers.flatMap((a) => a.devices).sort((a, b) => a.index - b.index);
  }

  async close(): Promise<void> {
    await Promise.all(
      this.hosts.map(async (host) => {
        const exited = new Promise((r) => host.once('exit', r));
        const timer = setTimeout(() => host.kill('SIGKILL'), 15_000);
        this.send(host, { type: 'close' });
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}
