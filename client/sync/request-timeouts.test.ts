import { Subject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STREAM_EVENTS, STREAM_HEARTBEAT_HEADER, STREAM_SILENT_HEARTBEATS } from '../../shared/protocol';
import { HEALTHY_STATUS } from '../../server/test/device-documents';
import type { DeviceApi } from './api-client';
import { recordCount } from './device-documents';
import { DeviceStatusReporter } from './device-status-reporter';
import { LiveStream, type LiveSignal } from './event-stream';
import { Outbox } from './outbox';
import { posTestStores, testPairing } from './pos-test-store';
import { startPullReplications } from './pull-replications';
import { loadPairing, pairThisDevice } from './device-pairing';
import { DEFAULT_SYNC_TIMEOUTS, RequestTimeoutError, withDeadline } from './request-deadline';

/**
 * A call to the server that never settles (a connection that died half-open, a server that
 * accepted and never answered) must not stall the device for good: each wait is bounded, the
 * bound frees whatever the engine holds, and the next round delivers. The hanging fetches here
 * ignore their abort signal too, as the worst a transport can do.
 */

const pairing = testPairing(1);
const never = () => new Promise<Response>(() => undefined);
const api = (fetch: (input: string, init?: RequestInit) => Promise<Response>): DeviceApi => ({
  baseUrl: 'http://server',
  token: 't',
  fetch: fetch as unknown as typeof globalThis.fetch,
});

// Registered before the hooks below, so that fake timers are gone when it closes the databases.
const openStore = posTestStores('timeouts', ['acks', 'counts']);
/** One pulled collection only, so every GET is of its pull. */
const openPullStore = posTestStores('timeouts-pull', ['cashiers']);

// Time moves on its own too (RxDB and fake-indexeddb wait on timers of their own); the tests jump it.
/** Waits (real time: RxDB and fake-indexeddb work in their own turns) until `holds`, for at most 10 s. */
async function until(holds: () => boolean | Promise<boolean>): Promise<void> {
  const end = performance.now() + 10_000;
  while (!(await holds())) {
    if (performance.now() > end) throw new Error('never came to hold');
    await new Promise((r) => setImmediate(r));
  }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'], shouldAdvanceTime: true });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('withDeadline', () => {
  it('rejects once the time passes without progress, and every progress restarts the wait', async () => {
    let progress: () => void = () => undefined;
    let aborted = false;
    const call = withDeadline('GET /x', 1000, (signal, p) => {
      progress = p;
      signal.addEventListener('abort', () => (aborted = true));
      return new Promise<never>(() => undefined);
    });
    const outcome = call.then(
      () => 'resolved',
      (err: Error) => err.name,
    );
    await vi.advanceTimersByTimeAsync(900);
    progress();
    await vi.advanceTimersByTimeAsync(900);
    progress();
    await vi.advanceTimersByTimeAsync(900);
    expect(aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(aborted).toBe(true);
    expect(await outcome).toBe('RequestTimeoutError');
  });
});

describe('a push that is never answered', () => {
  it('[S2][S7] is given up after the push timeout, the drain ends, and the next drain delivers the document once', async () => {
    const { db } = await openStore();
    const count = await recordCount(db, pairing, {
      productId: 'p1',
      countedQuantity: 3,
      believedQuantity: 4,
      believedLevelSeq: 7,
      cashierId: null,
    });
    // The server commits every push it gets (by id: a re-sent document is acknowledged, not
    // applied again); its answer to the first one never comes back.
    const applied = new Map<string, number>();
    let calls = 0;
    const outbox = new Outbox(
      db,
      api(async (_input, init) => {
        calls += 1;
        const rows = JSON.parse(String(init?.body)) as { newDocumentState: { id: string } }[];
        for (const r of rows) applied.set(r.newDocumentState.id, (applied.get(r.newDocumentState.id) ?? 0) + 1);
        if (calls === 1) return never();
        const acks = rows.map((r) => ({ id: r.newDocumentState.id, appliedSeq: 1 }));
        return new Response(JSON.stringify({ conflicts: [], acks, rejected: [] }), { status: 200 });
      }),
      pairing.deviceId,
      { pushTimeoutMs: 20_000 },
    );
    const first = outbox.drain();
    await until(() => calls === 1);
    expect(outbox.state$.value.draining).toBe(true);
    // A trigger meanwhile (a new sale, the sweep) joins the running drain.
    void outbox.drain();
    await vi.advanceTimersByTimeAsync(19_000);
    expect(outbox.state$.value.draining).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    await first;
    expect(outbox.state$.value.lastError).toMatch(/no answer from the server in 20 s/);
    // The drain asked for meanwhile runs as soon as the timed-out one ends, and delivers.
    await until(async () => (await outbox.unacknowledged({ collection: 'counts', orderBy: 'countedAt' })).length === 0);
    await outbox.drain();
    expect(calls).toBe(2);
    expect(await outbox.unacknowledged({ collection: 'counts', orderBy: 'countedAt' })).toHaveLength(0);
    expect(outbox.state$.value).toMatchObject({ draining: false, lastError: null });
    await outbox.drain();
    expect(calls).toBe(2);
    expect(applied.get(count.id)).toBe(2);
  });
});

describe('a pull that is never answered', () => {
  const cashier = {
    id: 'c1',
    branchId: 'sucursal-001',
    name: 'Ana',
    role: 'cashier',
    pinHash: 'h',
    pinSalt: 's',
    pinIterations: 1,
    active: true,
    _deleted: false,
  };

  /** The cashiers' pull through `fetch`, with a 30 s idle bound; `inSync()` says whether it caught up. */
  async function cashiersPull(fetch: (input: string) => Promise<Response>) {
    const { db } = await openPullStore();
    const replications = startPullReplications(db, api(fetch), new Subject<LiveSignal>(), 1000, undefined, 30_000);
    const cashiers = replications.cashiers!;
    let inSync = false;
    void cashiers.awaitInSync().then(() => (inSync = true));
    return { db, cashiers, inSync: () => inSync };
  }

  it('[S6] is given up after the idle bound and retried, and the replication catches up', async () => {
    const gets: string[] = [];
    const { db, cashiers, inSync } = await cashiersPull(async (input) => {
      gets.push(input);
      if (gets.length === 1) return never();
      const seq = new URL(input).searchParams.get('seq');
      const body =
        seq === '0' ? { documents: [cashier], checkpoint: { seq: 5, id: 'c1' } } : { documents: [], checkpoint: null };
      return new Response(JSON.stringify(body), { status: 200 });
    });
    await until(() => gets.length === 1);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(gets).toHaveLength(1);
    expect(inSync()).toBe(false);
    // The bound passes; RxDB tries again after its retry time (1 s).
    await vi.advanceTimersByTimeAsync(1_000 + 1_000);
    await until(inSync);
    expect(gets.length).toBeGreaterThanOrEqual(2);
    expect((await db.cashiers.findOne('c1').exec())?.get('name')).toBe('Ana');
    await cashiers.cancel();
  });

  it('[S6] a slow answer that keeps arriving is not given up: the bound is on silence, not on the whole download', async () => {
    const text = JSON.stringify({ documents: [cashier], checkpoint: { seq: 5, id: 'c1' } });
    let gets = 0;
    const { db, cashiers, inSync } = await cashiersPull(async (input) => {
      gets += 1;
      if (new URL(input).searchParams.get('seq') !== '0')
        return new Response(JSON.stringify({ documents: [], checkpoint: null }), { status: 200 });
      // Ten bytes every 20 s: 30 s of silence never passes, the whole takes far longer.
      let at = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          await new Promise((r) => setTimeout(r, 20_000));
          controller.enqueue(new TextEncoder().encode(text.slice(at, at + 10)));
          at += 10;
          if (at >= text.length) controller.close();
        },
      });
      return new Response(body, { status: 200 });
    });
    const chunks = Math.ceil(text.length / 10);
    await until(() => gets === 1);
    for (let i = 0; i < chunks && !inSync(); i++) await vi.advanceTimersByTimeAsync(20_000);
    await until(inSync);
    expect(chunks * 20_000).toBeGreaterThan(60_000);
    // One GET, never abandoned (a page shorter than the batch ends the round).
    expect(gets).toBe(1);
    expect((await db.cashiers.findOne('c1').exec())?.get('name')).toBe('Ana');
    await cashiers.cancel();
  });
});

describe('the live stream', () => {
  /** Opens streams that send `resync` and then nothing at all, never ending (a dead connection). */
  function silentServer(heartbeatMs: number | null) {
    let opened = 0;
    const fetch = async () => {
      opened += 1;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(`event: ${STREAM_EVENTS.resync}\ndata: {}\n\n`));
        },
      });
      const headers: Record<string, string> = { 'content-type': 'text/event-stream' };
      if (heartbeatMs !== null) headers[STREAM_HEARTBEAT_HEADER] = String(heartbeatMs);
      return new Response(body, { status: 200, headers });
    };
    return { api: api(fetch), opened: () => opened };
  }

  let stream: LiveStream | null = null;
  afterEach(() => stream?.stop());

  it('[S6] is reopened when nothing arrives for STREAM_SILENT_HEARTBEATS heartbeat periods, and a resync follows', async () => {
    const server = silentServer(1000);
    stream = new LiveStream(server.api);
    const signals: string[] = [];
    const states: boolean[] = [];
    stream.signals$.subscribe((s) => signals.push(s.type));
    stream.connected$.subscribe((c) => states.push(c));
    stream.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.opened()).toBe(1);
    await vi.advanceTimersByTimeAsync(STREAM_SILENT_HEARTBEATS * 1000 - 100);
    expect(server.opened()).toBe(1);
    // Silence past the bound: closed, then reopened after the first backoff step (1 s).
    await vi.advanceTimersByTimeAsync(100);
    expect(states).toEqual([true, false]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.opened()).toBe(2);
    expect(signals).toEqual(['resync', 'resync']);
  });

  it('[S6] heartbeats keep it open', async () => {
    let opened = 0;
    const fetch = async () => {
      opened += 1;
      let beat: ReturnType<typeof setInterval> | undefined;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(`event: ${STREAM_EVENTS.resync}\ndata: {}\n\n`));
          beat = setInterval(
            () => controller.enqueue(new TextEncoder().encode(`event: ${STREAM_EVENTS.heartbeat}\ndata: {}\n\n`)),
            1000,
          );
        },
        cancel: () => clearInterval(beat),
      });
      return new Response(body, { status: 200, headers: { [STREAM_HEARTBEAT_HEADER]: '1000' } });
    };
    stream = new LiveStream(api(fetch));
    stream.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(opened).toBe(1);
  });

  it('[S6] a server that does not say its heartbeat gets the long fallback bound', async () => {
    const server = silentServer(null);
    stream = new LiveStream(server.api);
    stream.start();
    await vi.advanceTimersByTimeAsync(DEFAULT_SYNC_TIMEOUTS.streamSilenceUnannouncedMs - 1000);
    expect(server.opened()).toBe(1);
    await vi.advanceTimersByTimeAsync(1000 + 1000);
    expect(server.opened()).toBe(2);
  });

  it('[S6] a connect that is never answered is given up and tried again', async () => {
    let calls = 0;
    stream = new LiveStream(
      api(() => {
        calls += 1;
        return never();
      }),
      15_000,
      { streamConnectMs: 10_000, streamSilenceUnannouncedMs: 300_000 },
    );
    stream.start();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1 + 1000);
    expect(calls).toBe(2);
  });
});

describe('a status report that is never answered', () => {
  it('is dropped after its timeout, so later reports go again', async () => {
    let calls = 0;
    const reporter = new DeviceStatusReporter(
      api(async () => {
        calls += 1;
        return calls === 1 ? never() : new Response('{}', { status: 200 });
      }),
      async () => HEALTHY_STATUS,
      { timeoutMs: 30_000 },
    );
    const first = reporter.report(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await reporter.report(true)).toBe(false);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await first).toBe(false);
    expect(await reporter.report(true)).toBe(true);
    expect(calls).toBe(2);
  });
});

describe('a pairing that is never answered', () => {
  it('is given up after its timeout as a failure that is not the server refusing the code, and pairing again works', async () => {
    const store = await openStore();
    let calls = 0;
    const fetch = async () => {
      calls += 1;
      return calls === 1
        ? never()
        : new Response(JSON.stringify(pairing), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const first = pairThisDevice(store.db, 'http://server', 'ABC123', 'Caja 1', fetch);
    const outcome = expect(first).rejects.toBeInstanceOf(RequestTimeoutError);
    await vi.advanceTimersByTimeAsync(DEFAULT_SYNC_TIMEOUTS.pairMs);
    await outcome;
    expect(await loadPairing(store.db)).toBeNull();
    expect(await pairThisDevice(store.db, 'http://server', 'ABC123', 'Caja 1', fetch)).toEqual(pairing);
    expect(await loadPairing(store.db)).toEqual(pairing);
  });
});
