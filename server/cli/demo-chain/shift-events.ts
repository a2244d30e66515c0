import { v7 as uuidv7 } from 'uuid';
import type { ShiftEventDoc } from '../../../shared/protocol';
import { FLOAT_CENTS, HOUR, iso, type Dice, type ShiftDraft, type Till } from './demo-setup';

/**
 * A tablet's shift events of a day, up to `now`: each shift opens with the float, 3 in 10 pay a
 * supplier in cash three hours in, and each closed shift counts its cash, mostly right, sometimes
 * a few pesos off, and rarely 50–100 short (an over/short item).
 */
export function tillShiftEvents(
  till: Till,
  branchId: string,
  shifts: readonly ShiftDraft[],
  now: Date,
  dice: Dice,
): ShiftEventDoc[] {
  const events: ShiftEventDoc[] = [];
  for (const s of shifts.filter((x) => x.till === till && x.opensAt <= now.getTime())) {
    const event = (kind: ShiftEventDoc['kind'], at: number, amountCents: number, reason: string) =>
      events.push({
        id: uuidv7(),
        shiftId: s.id,
        kind,
        branchId,
        deviceId: till.device.deviceId,
        cashierId: s.cashier.id,
        cashierName: s.cashier.name,
        amountCents,
        reason,
        at: iso(at),
        denominations: [],
        approval: null,
        _deleted: false,
      });
    event('open', s.opensAt, FLOAT_CENTS, '');
    const cashOut = dice.rnd() < 0.3 ? 20_000 : 0;
    if (cashOut) event('cash_out', s.opensAt + 3 * HOUR, cashOut, 'Pago a proveedor');
    if (s.closesAt > now.getTime()) continue;
    const expected = FLOAT_CENTS + s.cashCents - cashOut;
    const r = dice.rnd();
    const difference =
      r < 0.004 ? -(5_000 + Math.floor(dice.rnd() * 5_000)) : r < 0.05 ? Math.round((dice.rnd() - 0.5) * 1_000) : 0;
    event('close', s.closesAt, Math.max(0, expected + difference), '');
  }
  return events;
}
