import { describe, expect, it } from 'vitest';
import { uuidv7 } from './uuid-v7';

describe('uuidv7 (ids of stock movements)', () => {
  it('is an RFC 9562 version 7 UUID carrying the time, unique and increasing within the process', () => {
    const now = Date.now();
    const ids = Array.from({ length: 5000 }, () => uuidv7());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    const ms = parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16);
    expect(Math.abs(ms - now)).toBeLessThan(1000);
  });

  it('stays increasing when the clock steps back', () => {
    const a = uuidv7(Date.now() + 60_000);
    const b = uuidv7(Date.now());
    expect(b > a).toBe(true);
  });
});
