import { describe, expect, it } from 'vitest';
import { openShift, recordCount } from './device-documents';
import type { DevicePairing } from './device-pairing';
import { markImported } from './imported-documents';
import { syncPath } from '../../shared/protocol';
import { Outbox } from './outbox';
import { posTestStores, testPairing } from './pos-test-store';

const pairing = testPairing(1);

/** A count by `by` of one product (p1 unless said): 3 units where the tablet believed 4; its figures do not matter here. */
function aCount(d: Parameters<typeof recordCount>[0], by: DevicePairing, productId = 'p1') {
  return recordCount(d, by, {
    productId,
    countedQuantity: 3,
    believedQuantity: 4,
    believedLevelSeq: 7,
    cashierId: null,
  });
}

/** A server that records what each push path received and acks it, or answers 404 for some paths. */
function fakeServer(missing: string[] = []) {
  const received: { path: string; ids: string[] }[] = [];
  let seq = 0;
  const impl: typeof fetch = async (input, init) => {
    const path = new URL(String(input)).pathname;
    if (missing.some((m) => path.includes(`/${m}/`)))
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no route' } }), { status: 404 });
    const rows = JSON.parse(String(init?.body)) as { newDocumentState: { id: string } }[];
    received.push({ path, ids: rows.map((r) => r.newDocumentState.id) });
    return new Response(
      JSON.stringify({
        conflicts: [],
        acks: rows.map((r) => ({ id: r.newDocumentState.id, appliedSeq: ++seq })),
        rejected: [],
      }),
      { status: 200 },
    );
  };
  return { received, api: { baseUrl: 'http://server', token: 't', fetch: impl } };
}

const openStore = posTestStores('outbox', ['sales', 'acks', 'counts', 'shiftevents', 'transferreceipts']);
const open = async () => (await openStore()).db;

describe('outbox channels', () => {
  it('[S7] pushes each kind of document to its own path, sales first, then shift events and counts; all acked', async () => {
    const d = await open();
    await openShift(d, pairing, 5000, { cashierId: null, cashierName: 'Ana' });
    await aCount(d, pairing);
    const { received, api } = fakeServer();
    const outbox = new Outbox(d, api, pairing.deviceId);
    await outbox.drain();
    expect(received.map((r) => r.path)).toEqual([syncPath('shiftevents', 'push'), syncPath('counts', 'push')]);
    expect(await d.acks.count().exec()).toBe(2);
    await outbox.drain();
    expect(received).toHaveLength(2);
  });

  it('[S7] a channel the server does not serve yet (404) stays queued and does not hold back the others', async () => {
    const d = await open();
    await openShift(d, pairing, 5000, { cashierId: null, cashierName: 'Ana' });
    const count = await aCount(d, pairing);
    const { received, api } = fakeServer(['shiftevents']);
    const outbox = new Outbox(d, api, pairing.deviceId);
    await outbox.drain();
    expect(received).toEqual([{ path: syncPath('counts', 'push'), ids: [count.id] }]);
    expect(outbox.state$.value.lastError).toMatch(/no route/);
    expect(await outbox.unacknowledged({ collection: 'shiftevents', orderBy: 'at' })).toHaveLength(1);
  });

  it("[S7][S8] documents imported from another tablet are pushed as they are (their id and deviceId), other devices' documents are not", async () => {
    const d = await open();
    const other = { ...pairing, deviceId: 'dev-broken' } as DevicePairing;
    const imported = await aCount(d, other);
    await aCount(d, { ...pairing, deviceId: 'dev-someone-else' } as DevicePairing, 'p2');
    await markImported(d, [imported.id]);
    const { received, api } = fakeServer();
    await new Outbox(d, api, pairing.deviceId).drain();
    expect(received).toEqual([{ path: syncPath('counts', 'push'), ids: [imported.id] }]);
  });

  it('[S7] a push the service worker queued (202) waits for its replay, until the server is known reachable again', async () => {
    const d = await open();
    const count = await aCount(d, pairing);
    const server = fakeServer();
    let offline = true;
    const calls: string[] = [];
    const api = {
      ...server.api,
      fetch: (async (input, init) => {
        calls.push(new URL(String(input)).pathname);
        return offline
          ? new Response(JSON.stringify({ queued: true }), { status: 202 })
          : server.api.fetch(input, init);
      }) as typeof fetch,
    };
    const outbox = new Outbox(d, api, pairing.deviceId, { handOffRetryMs: 120_000 });
    await outbox.drain();
    expect(calls).toHaveLength(1);
    offline = false;
    await outbox.drain();
    expect(calls).toHaveLength(1);
    await outbox.serverReachable();
    expect(server.received).toEqual([{ path: syncPath('counts', 'push'), ids: [count.id] }]);
    expect(await outbox.unacknowledged({ collection: 'counts', orderBy: 'countedAt' })).toHaveLength(0);
  });

  it('[S7] the answer of a push the service worker replayed acknowledges shift events at once, with no re-send', async () => {
    const d = await open();
    const event = await openShift(d, pairing, 5_000, { cashierId: null, cashierName: 'Ana' });
    const calls: string[] = [];
    const api = {
      baseUrl: 'http://server',
      token: 't',
      fetch: (async (input) => {
        calls.push(new URL(String(input)).pathname);
        return new Response(JSON.stringify({ queued: true }), { status: 202 });
      }) as typeof fetch,
    };
    const outbox = new Outbox(d, api, pairing.deviceId, { handOffRetryMs: 120_000 });
    await outbox.drain();
    const channel = { collection: 'shiftevents' as const, orderBy: 'at' };
    expect(await outbox.unacknowledged(channel)).toHaveLength(1);
    // Not a push answer: ignored.
    expect(await outbox.recordReplayedAnswer({ queued: true })).toBe(false);
    expect(
      await outbox.recordReplayedAnswer({ conflicts: [], acks: [{ id: event.id, appliedSeq: 9 }], rejected: [] }),
    ).toBe(true);
    expect(await outbox.unacknowledged(channel)).toHaveLength(0);
    await outbox.serverReachable();
    expect(calls).toHaveLength(1);
  });

  it('[S9] a push answered 426 marks the app outdated and keeps the documents queued', async () => {
    const d = await open();
    await openShift(d, pairing, 5000, { cashierId: null, cashierName: 'Ana' });
    const api = {
      baseUrl: 'http://server',
      token: 't',
      fetch: (async () =>
        new Response(JSON.stringify({ error: { code: 'CLIENT_OUTDATED', message: 'update the app' } }), {
          status: 426,
        })) as typeof fetch,
    };
    const outbox = new Outbox(d, api, pairing.deviceId);
    await outbox.drain();
    expect(outbox.state$.value).toMatchObject({ outdated: true, lastError: 'update the app' });
    expect(await outbox.unacknowledged({ collection: 'shiftevents', orderBy: 'at' })).toHaveLength(1);
  });
});
