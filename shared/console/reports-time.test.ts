import { describe, expect, it } from 'vitest';
import { zonedLocalToIso } from './reports-time';

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
