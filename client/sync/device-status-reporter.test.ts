import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeviceStatusReport } from '../../shared/protocol';
import { DeviceStatusReporter } from './device-status-reporter';

function status(pendingCount: number): DeviceStatusReport {
  return {
    appVersion: '1.0.0',
    online: true,
    breaker: 'closed',
    pendingCount,
    pendingValueCents: 0,
    rejectedCount: 0,
    lastSyncAt: null,
    storage: { usageBytes: null, quotaBytes: null, persisted: null },
  };
}

function setup() {
  const sent: DeviceStatusReport[] = [];
  const fetchImpl = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    sent.push(JSON.parse(String(init?.body)) as DeviceStatusReport);
    return new Response('{}', { status: 200 });
  });
  let pending = 0;
  let clock = 0;
  const reporter = new DeviceStatusReporter(
    { baseUrl: 'http://server', token: 't'.repeat(30), fetch: fetchImpl as unknown as typeof fetch },
    async () => status(pending),
    { everyMs: 60_000, minGapMs: 5_000, now: () => clock },
  );
  return { sent, reporter, setPending: (n: number) => (pending = n), advance: (ms: number) => (clock += ms) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('device status reporter', () => {
  it('a burst of change notifications (one per pulled document) sends one report, not one each', async () => {
    const { sent, reporter, setPending } = setup();
    setPending(1);
    await Promise.all(Array.from({ length: 200 }, () => reporter.report()));
    expect(sent).toHaveLength(1);
    reporter.stop();
  });

  it('changes within the minimum gap wait for one trailing report carrying the latest state', async () => {
    vi.useFakeTimers();
    const { sent, reporter, setPending, advance } = setup();
    setPending(1);
    await reporter.report();
    for (let n = 2; n <= 50; n++) {
      setPending(n);
      advance(10);
      await reporter.report();
    }
    expect(sent).toHaveLength(1);
    advance(5_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.pendingCount).toBe(50);
    reporter.stop();
  });
});
