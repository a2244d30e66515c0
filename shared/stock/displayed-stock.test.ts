import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayedStock, type LocalMovement } from './displayed-stock';

/**
 * SPEC S4 / DESIGN invariant 4, as a model: one product, one server, this device and other
 * devices. Any interleaving of sale, push (response delivered or lost), pull (whole, or cut by a
 * crash after the acks were stored), other devices' sales and reloads must leave the device
 * showing exactly: the level it last stored, minus its own sales the server had not applied
 * when that level was produced. The truth side uses the server's own record, not the device's.
 */
type Step =
  | { kind: 'sell'; qty: number }
  | { kind: 'push'; upTo: number; loseResponse: boolean }
  | { kind: 'pull'; crashAfterAcks: boolean }
  | { kind: 'otherDeviceSale'; qty: number }
  | { kind: 'reload' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('sell' as const), qty: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('push' as const), upTo: fc.integer({ min: 1, max: 20 }), loseResponse: fc.boolean() }),
  fc.record({ kind: fc.constant('pull' as const), crashAfterAcks: fc.boolean() }),
  fc.record({ kind: fc.constant('otherDeviceSale' as const), qty: fc.integer({ min: 1, max: 5 }) }),
  fc.constant({ kind: 'reload' as const }),
);

function simulate(steps: readonly Step[], initial: number) {
  const server = { seq: 1, level: { quantity: initial, seq: 1 }, applied: new Map<string, number>() };
  // What the device keeps in IndexedDB; a reload keeps all of it, nothing else exists.
  const device = { sales: [] as { id: string; qty: number }[], acks: new Map<string, number>(), level: undefined as { quantity: number; seq: number } | undefined, checkpoint: 0 };
  let next = 0;
  const check = () => {
    const movements: LocalMovement[] = device.sales.map((s) => ({ delta: -s.qty, appliedSeq: device.acks.get(s.id) ?? null }));
    const shown = displayedStock(device.level, movements);
    const levelSeq = device.level?.seq ?? 0;
    const notInLevel = device.sales.filter((s) => !((server.applied.get(s.id) ?? Infinity) <= levelSeq));
    const truth = (device.level?.quantity ?? 0) - notInLevel.reduce((sum, s) => sum + s.qty, 0);
    expect(shown).toBe(truth);
  };
  for (const s of steps) {
    switch (s.kind) {
      case 'sell':
        device.sales.push({ id: `sale-${next++}`, qty: s.qty });
        break;
      case 'push': {
        const acks: [string, number][] = [];
        for (const sale of device.sales.slice(0, s.upTo)) {
          let seq = server.applied.get(sale.id);
          if (seq === undefined) {
            seq = ++server.seq;
            server.level = { quantity: server.level.quantity - sale.qty, seq };
            server.applied.set(sale.id, seq);
          }
          acks.push([sale.id, seq]);
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
        for (const [id, seq] of server.applied) if (seq >= device.checkpoint && seq <= server.level.seq) device.acks.set(id, seq);
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

describe('displayed stock (SPEC S4, invariant 4)', () => {
  it('S4: never double-counts or drops a movement under any interleaving of sale, push, pull, crash and reload', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.integer({ min: 0, max: 50 }), (steps, initial) => {
        simulate(steps, initial);
      }),
      { numRuns: 2000 },
    );
  });

  it('S4: once everything is pushed and pulled, the device shows the server level exactly', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.integer({ min: 0, max: 50 }), (steps, initial) => {
        const { server, device } = simulate([...steps, { kind: 'push', upTo: 1000, loseResponse: true }, { kind: 'pull', crashAfterAcks: false }], initial);
        const movements = device.sales.map((s) => ({ delta: -s.qty, appliedSeq: device.acks.get(s.id) ?? null }));
        expect(displayedStock(device.level, movements)).toBe(server.level.quantity);
      }),
      { numRuns: 1000 },
    );
  });

  it('a movement without an ack always counts, whatever the level says', () => {
    expect(displayedStock({ quantity: 10, seq: 99 }, [{ delta: -2, appliedSeq: null }])).toBe(8);
    expect(displayedStock({ quantity: 10, seq: 99 }, [{ delta: -2, appliedSeq: 99 }])).toBe(10);
    expect(displayedStock({ quantity: 10, seq: 99 }, [{ delta: -2, appliedSeq: 100 }])).toBe(8);
    expect(displayedStock(undefined, [{ delta: -2, appliedSeq: 5 }])).toBe(-2);
  });
});
