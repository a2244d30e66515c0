import fc from 'fast-check';
import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { STREAM_HEARTBEAT_HEADER } from '../../shared/protocol';
import { ChangeBus, type ChangeEvent } from './change-bus';
import {
  coalesceWindowMs,
  mergeChanged,
  serveChangeStream,
  STREAM_COALESCE_MAX_MS,
  STREAM_COALESCE_MS,
  StreamFanOut,
} from './change-stream';

const changed = fc.record({
  seq: fc.nat(),
  collections: fc.uniqueArray(fc.constantFrom('products', 'stock', 'sales', 'otherstock', 'reconciliation')),
  locationIds: fc.uniqueArray(fc.constantFrom('sucursal-001', 'sucursal-002', 'central')),
  branchIds: fc.uniqueArray(fc.constantFrom('sucursal-001', 'sucursal-002')),
});

describe('changes gathered into one stream event', () => {
  it('keep the highest seq and everything either change named, once', () => {
    fc.assert(
      fc.property(changed, changed, (a, b) => {
        const merged = mergeChanged(a, b) as typeof a;
        expect(merged.seq).toBe(Math.max(a.seq, b.seq));
        for (const key of ['collections', 'locationIds', 'branchIds'] as const) {
          expect(new Set(merged[key])).toEqual(new Set([...a[key], ...b[key]]));
          expect(merged[key]).toHaveLength(new Set(merged[key]).size);
        }
      }),
    );
  });

  it('a device payload (seq and collections only) stays that shape', () => {
    expect(mergeChanged({ seq: 4, collections: ['stock'] }, { seq: 9, collections: ['sales', 'stock'] })).toEqual({
      seq: 9,
      collections: ['stock', 'sales'],
    });
  });
});

describe('streams of one bus sent together (StreamFanOut)', () => {
  const event = (seq: number, collections: ChangeEvent['collections']): ChangeEvent => ({
    seq,
    collections,
    locationIds: [],
  });

  it('the gathering window grows with the streams open, between its bounds', () => {
    expect(coalesceWindowMs(1)).toBe(STREAM_COALESCE_MS);
    expect(coalesceWindowMs(500)).toBeGreaterThan(STREAM_COALESCE_MS);
    expect(coalesceWindowMs(100_000)).toBe(STREAM_COALESCE_MAX_MS);
  });

  it('a window of changes is one write a stream, its payload made once per share key', async () => {
    const bus = new ChangeBus();
    const fanOut = new StreamFanOut(bus);
    let asked = 0;
    const visible = (e: ChangeEvent) => {
      asked++;
      return { seq: e.seq, collections: e.collections };
    };
    const written: string[][] = [[], [], []];
    const removers = written.map((out, i) =>
      fanOut.add({ visible, shareKey: i < 2 ? 'same' : undefined, write: (t) => out.push(t) }),
    );
    bus.publish(event(1, ['stock']));
    bus.publish(event(2, ['sales']));
    await new Promise((r) => setTimeout(r, coalesceWindowMs(3) + 20));
    for (const out of written) {
      expect(out).toHaveLength(1);
      expect(out[0]).toBe(`event: changed\ndata: ${JSON.stringify({ seq: 2, collections: ['stock', 'sales'] })}\n\n`);
    }
    // Two events for the shared key, two for the stream of its own.
    expect(asked).toBe(4);
    removers[0]!();
    bus.publish(event(3, ['stock']));
    await new Promise((r) => setTimeout(r, coalesceWindowMs(2) + 20));
    expect(written.map((o) => o.length)).toEqual([1, 2, 2]);
  });

  it('nothing is written to a stream no change of the window concerns, nor after the last stream left', async () => {
    const bus = new ChangeBus();
    const fanOut = new StreamFanOut(bus);
    const out: string[] = [];
    const remove = fanOut.add({ visible: () => null, shareKey: undefined, write: (t) => out.push(t) });
    bus.publish(event(1, ['stock']));
    await new Promise((r) => setTimeout(r, coalesceWindowMs(1) + 20));
    expect(out).toEqual([]);
    remove();
    let heard = 0;
    fanOut.add({ visible: () => ({ n: ++heard }), shareKey: undefined, write: (t) => out.push(t) });
    await new Promise((r) => setTimeout(r, coalesceWindowMs(1) + 20));
    expect(out).toEqual([]);
  });
});

describe('a stream says its heartbeat period', () => {
  it('[S6] in a header, so a client can tell a silent stream from a dead connection', () => {
    const headers = new Map<string, string>();
    const written: string[] = [];
    const req = new EventEmitter() as unknown as Request;
    const res = {
      status: () => res,
      setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value),
      write: (text: string) => written.push(text),
      end: () => undefined,
    } as unknown as Response;
    serveChangeStream(
      req,
      res,
      new ChangeBus(),
      15_000,
      () => null,
      async () => true,
    );
    expect(headers.get(STREAM_HEARTBEAT_HEADER)).toBe('15000');
    expect(written[0]).toMatch(/^event: resync/);
    (req as unknown as EventEmitter).emit('close');
  });
});
