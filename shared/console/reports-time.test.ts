import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localParts, localPartsOfIntl, zonedLocalToIso } from './reports-time';

describe('zonedLocalToIso', () => {
  it('reads a wall-clock time in the branch’s zone', () => {
    expect(zonedLocalToIso('2026-12-01T08:00', 'America/Mexico_City')).toBe('2026-12-01T14:00:00.000Z');
    expect(zonedLocalToIso('2026-07-01T08:00', 'Europe/Madrid')).toBe('2026-07-01T06:00:00.000Z');
    expect(zonedLocalToIso('2026-07-01T08:00', 'UTC')).toBe('2026-07-01T08:00:00.000Z');
  });
});

describe('zonedLocalToIso', () => {
  it('reads a time across a change of offset in the zone of the change', () => {
    // Madrid moves from +01:00 to +02:00 at 02:00 local on 2026-03-29.
    expect(zonedLocalToIso('2026-03-29T01:30', 'Europe/Madrid')).toBe('2026-03-29T00:30:00.000Z');
    expect(zonedLocalToIso('2026-03-29T03:30', 'Europe/Madrid')).toBe('2026-03-29T01:30:00.000Z');
    expect(() => zonedLocalToIso('2026-13-45T99:99', 'UTC')).toThrow();
  });
});

// Zones with odd offsets and changes: quarter hours, half-hour summer time, negative summer time,
// offsets in seconds before 1972 (Monrovia), a southern summer, a zone that changed its day (Apia).
const ZONES = [
  'UTC',
  'America/Mexico_City',
  'Europe/Madrid',
  'Europe/Dublin',
  'America/Santiago',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Apia',
  'Africa/Casablanca',
  'Africa/Monrovia',
  'America/Havana',
  'Asia/Tehran',
];

// Changes of offset within an hour of UTC (half- and quarter-hour zones), and seconds around them.
const CHANGES: [string, number][] = [
  ['America/St_Johns', Date.UTC(1960, 3, 24, 5, 30)],
  ['America/St_Johns', Date.UTC(1960, 9, 30, 4, 30)],
  ['Australia/Lord_Howe', Date.UTC(1981, 9, 24, 15, 30)],
  ['Australia/Lord_Howe', Date.UTC(1982, 2, 6, 14, 30)],
  ['Asia/Kathmandu', Date.UTC(1985, 11, 31, 18, 30)],
  ['Europe/Madrid', Date.UTC(2026, 2, 29, 1)],
];
const nearAChange = fc
  .constantFrom(...CHANGES)
  .chain(([zone, at]) => fc.tuple(fc.integer({ min: at - 7_200_000, max: at + 7_200_000 }), fc.constant(zone)));

describe('localParts', () => {
  it('agrees with Intl at any instant, in any zone, across changes of offset', () => {
    const instant = fc.oneof(
      fc.integer({ min: Date.UTC(900, 0, 1), max: Date.UTC(10_100, 0, 1) }),
      fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.tuple(instant, fc.constantFrom(...ZONES)), nearAChange),
        fc.boolean(),
        ([ms, zone], asText) => {
          const at = new Date(ms);
          expect(localParts(asText ? at.toISOString() : at, zone)).toEqual(localPartsOfIntl(at, zone));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('reads an instant written with an offset, and refuses what is not a time or a zone as Intl does', () => {
    expect(localParts('2026-07-01T23:30:00-05:00', 'Europe/Madrid')).toEqual({
      date: '2026-07-02',
      hour: 6,
      minute: 30,
    });
    expect(() => localParts('not a time', 'UTC')).toThrow(RangeError);
    expect(() => localParts('2026-07-01T00:00:00Z', 'Mars/Olympus')).toThrow(RangeError);
  });
});
