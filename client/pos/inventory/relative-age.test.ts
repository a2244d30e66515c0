import { describe, expect, it } from 'vitest';
import { relativeAge } from './relative-age';

describe("age of another store's stock level", () => {
  const now = Date.parse('2026-05-01T12:00:00Z');
  it('says how long ago, in Spanish and English', () => {
    expect(relativeAge('2026-05-01T11:55:00Z', now, 'es-MX')).toBe('hace 5 min');
    expect(relativeAge('2026-05-01T09:00:00Z', now, 'en-US')).toBe('3 hr. ago');
    expect(relativeAge('2026-04-29T12:00:00Z', now, 'es-MX')).toBe('anteayer');
  });
  it('a level from a device clock slightly ahead is "now", never "in 10 s"', () => {
    expect(relativeAge('2026-05-01T12:00:10Z', now, 'en-US')).toBe('now');
  });
});
