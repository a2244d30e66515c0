import { DEVICE_STATUS_PATH, deviceStatusReportSchema, type DeviceStatusReport } from '../../shared/protocol';
import type { DeviceApi } from './api-client';

/**
 * Sends the device's sync health to the server (the console and the operator CLI show it):
 * every `everyMs` and whenever something in the report changes, if the network is up.
 * A failed report is simply dropped: the next one says the same thing, newer.
 */
export class DeviceStatusReporter {
  private last = '';
  private timer: ReturnType<typeof setInterval> | null = null;
  private sending = false;

  constructor(
    private readonly api: DeviceApi,
    private readonly collect: () => Promise<DeviceStatusReport>,
    private readonly everyMs = 60_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.report(true), this.everyMs);
    void this.report(true);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reports if `force` or if anything changed since the last report sent. */
  async report(force = false): Promise<boolean> {
    if (this.sending) return false;
    const status = deviceStatusReportSchema.parse(await this.collect());
    if (!status.online) return false;
    // lastSyncAt moves on every exchange; a change of it alone waits for the minute's report.
    const key = JSON.stringify({ ...status, lastSyncAt: null });
    if (!force && key === this.last) return false;
    this.sending = true;
    try {
      const res = await this.api.fetch(`${this.api.baseUrl}${DEVICE_STATUS_PATH}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.api.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(status),
      });
      if (res.ok) this.last = key;
      return res.ok;
    } catch {
      return false;
    } finally {
      this.sending = false;
    }
  }
}
