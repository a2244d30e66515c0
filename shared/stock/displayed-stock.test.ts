import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayedStock, type LocalMovement } from './displayed-stock';

/**
 * SPEC S4 / DESIGN invariant 4, as a model: one product, one server, this device and other
 * devices. The device makes three kinds of movement: sales (−qty), stock counts (counted −
 * believed, where believed is what the device showed at that moment: invariant 6) and transfer
 * receipts (+qty). Any interleaving of those, push (response delivered or lost), pull (whole, or
 * cut by a crash after the acks were stored), other devices' sales and reloads must leave the
 * device showing exactly: the level it last stored, plus its own movements the server had not
 * applied when that level was produced. The truth side uses the server's own record, not the
 * device's.
 */
type Step =
  | { kind: 'sell'; qty: number }
  | { kind: 'count'; counted: number }
  | { kind: 'receive'; qty: number }
  | { kind: 'push'; upTo: number; loseResponse: boolean }
  | { kind: 'pull'; crashAfterAcks: boolean }
  | { kind: 'otherDeviceSale'; qty: number }
  | { kind: 'reload' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('sell' as const), qty: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('count' as const), counted: fc.integer({ min: 0, max: 60 }) }),
  fc.record({ kind: fc.constant('receive' as const), qty: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ kind: fc.constant('push' as const), upTo: fc.integer({ min: 1, max: 20 }), loseResponse: fc.boolean() }),
  fc.record({ kind: fc.constant('pull' as const), crashAfterAcks: fc.boolean() }),
  fc.record({ kind: fc.constant('otherDeviceSale' as const), qty: fc.integer({ min: 1, max: 5 }) }),
  fc.constant({ kind: 'reload' as const }),
);

interface DeviceMovement {
  id: string;
  delta: number;
}

function shownBy(device: {
  movements: DeviceMovement[];
  acks: Map<string, number>;
  level: { quantity: number; seq: number } | undefined;
}): number {
  const movements: LocalMovement[] = device.movements.map((m) => ({
    delta: m.delta,
    appliedSeq: device.acks.get(m.id) ?? null,
  }));
  return displayedStock(device.level, movements);
}

function simulate(steps: readonly Step[], initial: number) {
  const server = { seq: 1, level: { quantity: initial, seq: 1 }, applied: new Map<string, number>() };
  // What the device keeps in IndexedDB; a reload keeps all of it, nothing else exists.
  const device = {
    movements: [] as DeviceMovement[],
    acks: new Map<string, number>(),
    level: undefined as { quantity: number; seq: number } | undefined,
    checkpoint: 0,
  };
  let next = 0;
  const check = () => {
    const levelSeq = device.level?.seq ?? 0;
    const notInLevel = device.movements.filter((m) => !((server.applied.get(m.id) ?? Infinity) <= levelSeq));
    const truth = (device.level?.quantity ?? 0) + notInLevel.reduce((sum, m) => sum + m.delta, 0);
    expect(shownBy(device)).toBe(truth);
  };
  for (const s of steps) {
    switch (s.kind) {
      case 'sell':
        device.movements.push({ id: `sale-${next++}`, delta: -s.qty });
        break;
      case 'count': {
        // The count is a delta against what the device showed, never an absolute level.
        device.movements.push({ id: `count-${next++}`, delta: s.counted - shownBy(device) });
        expect(shownBy(device)).toBe(s.counted);
        break;
      }
      case 'receive':
        device.movements.push({ id: `receipt-${next++}`, delta: s.qty });
        break;
      case 'push': {
        const acks: [string, number][] = [];
        for (const m of device.movements.slice(0, s.upTo)) {
          let seq = server.applied.get(m.id);
          if (seq === undefined) {
            seq = ++server.seq;
            server.level = { quantity: server.level.quantity + m.delta, seq };
            server.applied.set(m.id, seq);
          }
          acks.push([m.id, seq]);
        }
        if (!s.loseResponse) for (const [id, seq] of acks) device.acks.set(id, seq);
        break;
      }
      case 'otherDeviceSale':
        server.seq += 1;
        server.level = { quantity: server.level.quantity - s.qty, seq: server.seq };
        break;
      case 'pull': {
        if (server.level.seq <= device.checkpoint && device.level) break;
        // The server sends this device's acks in [checkpoint, level.seq] with the level.
        for (const [id, seq] of server.applied)
          if (seq >= device.checkpoint && seq <= server.level.seq) device.acks.set(id, seq);
        if (s.crashAfterAcks) break;
        device.level = { ...server.level };
        device.checkpoint = server.level.seq;
        break;
      }
      case 'reload':
        break;
    }
    check();
  }
  return { server, device };
}

describe('displayed stock', () => {
  it('[S4] never double-counts or drops a movement under any interleaving of sale, count, transfer receipt, push, pull, crash and reload', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.integer({ min: 0, max: 50 }), (steps, initial) => {
        simulate(steps, initial);
      }),
      { numRuns: 2000 },
    );
  });

  it('[S4] once everything is pushed and pulled, the device shows the server level exactly', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.integer({ min: 0, max: 50 }), (steps, initial) => {
        const { server, device } = simulate(
          [...steps, { kind: 'push', upTo: 1000, loseResponse: true }, { kind: 'pull', crashAfterAcks: false }],
          initial,
        );
        expect(shownBy(device)).toBe(server.level.quantity);
      }),
      { numRuns: 1000 },
    );
  });

  it('[S4] a movement without an ack always counts, whatever the level says', () => {
    expect(displayedStock({ quantity: 10, seq: 99 }, [{ delta: -2, appliedSeq: null }])).toBe(8);
    expect(displayedStock({ quantity: 10, seq: 99 }, [{ delta: -2, appliedSeq: 99 }])).toBe(10);
    expect(displayedStock({ quantity: 10, seq: 99 }, [{ delta: -2, appliedSeq: 100 }])).toBe(8);
    expect(displayedStock(undefined, [{ delta: -2, appliedSeq: 5 }])).toBe(-2);
  });
});
