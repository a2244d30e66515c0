import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { saleTime } from './master-price';

/** saleTime by its definition: the earlier of the two instants, never after the sale was received, as toISOString gives it. */
function saleTimeByDates(deviceCreatedAt: string, receivedAt: string): string {
  const device = Date.parse(deviceCreatedAt);
  const received = Date.parse(receivedAt);
  return new Date(Number.isFinite(device) && device < received ? device : received).toISOString();
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** Texts of toISOString's shape whose fields may be out of range (the 30th of February, 24:00, second 60, year 0). */
const isoShaped = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 61 }),
    fc.integer({ min: 0, max: 61 }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(
    ([y, mo, d, h, mi, s, ms]) =>
      `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`,
  );
const instant = fc
  .integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 })
  .map((t) => new Date(t).toISOString());
const otherForms = fc.constantFrom(
  '2026-11-29T08:00:00Z',
  '2026-11-29T08:00:00.000+01:00',
  '2026-11-29',
  '2026-02-29T10:00:00.000Z',
  '2024-02-29T10:00:00.000Z',
  '1900-02-29T10:00:00.000Z',
  '2000-02-29T10:00:00.000Z',
  '2026-11-29T24:00:00.000Z',
  '+002026-11-29T08:00:00.000Z',
  '2026-11-29T08:00:00.0000Z',
  'yesterday',
  '',
);
const when = fc.oneof(instant, isoShaped, otherForms, fc.string());

describe('saleTime (master-price.ts)', () => {
  it('gives what the dates gave, byte for byte, whatever the device sent', () => {
    fc.assert(
      fc.property(when, instant, (device, received) => {
        expect(saleTime(device, received)).toBe(saleTimeByDates(device, received));
      }),
      { numRuns: 20_000 },
    );
  });

  it('keeps the device time when it is earlier, and never a time after the sale was received', () => {
    expect(saleTime('2026-11-29T08:00:00.000Z', '2026-11-29T09:00:00.000Z')).toBe('2026-11-29T08:00:00.000Z');
    expect(saleTime('2026-11-29T08:00:00Z', '2026-11-29T09:00:00.000Z')).toBe('2026-11-29T08:00:00.000Z');
    expect(saleTime('2026-02-30T08:00:00.000Z', '2026-11-29T09:00:00.000Z')).toBe('2026-03-02T08:00:00.000Z');
    expect(saleTime('2026-11-29T10:00:00.000Z', '2026-11-29T09:00:00.000Z')).toBe('2026-11-29T09:00:00.000Z');
    expect(saleTime('not a time', '2026-11-29T09:00:00.000Z')).toBe('2026-11-29T09:00:00.000Z');
  });
});
