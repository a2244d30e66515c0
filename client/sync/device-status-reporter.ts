import { DEVICE_STATUS_PATH, deviceStatusReportSchema, type DeviceStatusReport } from '../../shared/protocol';
import type { DeviceApi } from './api-client';
import { DEFAULT_SYNC_TIMEOUTS, withDeadline } from './request-deadline';

export interface StatusReporterOptions {
  /** A report at least this often (default 60 s). */
  everyMs?: number;
  /** Changes arrive with every pulled document during a catalogue download: report them at most this often (5 s). */
  minGapMs?: number;
  now?: () => number;
  /** A report not answered within this is dropped (DEFAULT_SYNC_TIMEOUTS.statusMs). */
  timeoutMs?: number;
}

/**
 * Sends the device's sync health to the server (the console and the operator CLI show it):
 * every `everyMs` and whenever something in the report changes, if the network is up.
 * A failed report is simply dropped: the next one says the same thing, newer; so is one not
 * answered within `timeoutMs`, which would otherwise hold `sending` and silence every later report.
 */
export class DeviceStatusReporter {
  private last = '';
  private timer: ReturnType<typeof setInterval> | null = null;
  private sending = false;
  private lastSentAt = -Infinity;
  private pending: ReturnType<typeof setTimeout> | null = null;

  private readonly everyMs: number;
  private readonly minGapMs: number;
  private readonly now: () => number;
  private readonly timeoutMs: number;

  constructor(
    private readonly api: DeviceApi,
    private readonly collect: () => Promise<DeviceStatusReport>,
    options: StatusReporterOptions = {},
  ) {
    this.everyMs = options.everyMs ?? 60_000;
    this.minGapMs = options.minGapMs ?? 5_000;
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_SYNC_TIMEOUTS.statusMs;
  }

  start(): void {
    this.timer = setInterval(() => void this.report(true), this.everyMs);
    void this.report(true);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.pending) clearTimeout(this.pending);
    this.timer = null;
    this.pending = null;
  }

  /** Reports if `force` or if anything changed since the last report sent. */
  async report(force = false): Promise<boolean> {
    if (this.sending) return false;
    if (!force) {
      const wait = this.lastSentAt + this.minGapMs - this.now();
      if (wait > 0) {
        // One trailing report carries the latest state once the gap has passed.
        this.pending ??= setTimeout(() => {
          this.pending = null;
          void this.report();
        }, wait);
        return false;
      }
    }
    // Claimed before the first await, so a burst of calls sends one report, not one each.
    this.sending = true;
    try {
      const status = deviceStatusReportSchema.parse(await this.collect());
      if (!status.online) return false;
      // lastSyncAt moves on every exchange; a change of it alone waits for the minute's report.
      const key = JSON.stringify({ ...status, lastSyncAt: null });
      if (!force && key === this.last) return false;
      this.lastSentAt = this.now();
      const ok = await withDeadline(`POST ${DEVICE_STATUS_PATH}`, this.timeoutMs, async (signal) => {
        const res = await this.api.fetch(`${this.api.baseUrl}${DEVICE_STATUS_PATH}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.api.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(status),
          signal,
        });
        return res.ok;
      });
      if (ok) this.last = key;
      return ok;
    } catch {
      return false;
    } finally {
      this.sending = false;
    }
  }
}
