import { describe, expect, it } from 'vitest';
import { zonedLocalToIso } from './zoned-time';

describe('zonedLocalToIso', () => {
  it('reads a wall-clock time in the branch’s zone', () => {
    expect(zonedLocalToIso('2026-12-01T08:00', 'America/Mexico_City')).toBe('2026-12-01T14:00:00.000Z');
    expect(zonedLocalToIso('2026-07-01T08:00', 'Europe/Madrid')).toBe('2026-07-01T06:00:00.000Z');
    expect(zonedLocalToIso('2026-07-01T08:00', 'UTC')).toBe('2026-07-01T08:00:00.000Z');
  });
});
