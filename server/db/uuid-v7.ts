import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 16 * 256;
const pool = new Uint8Array(POOL_SIZE);
let poolOffset = POOL_SIZE;
let lastMs = -Infinity;
let counter = 0;
const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A UUIDv7 (RFC 9562) for rows the server writes in bulk (stock movements). Same layout and
 * ordering as `uuid`'s v7: 48-bit Unix milliseconds, then a 31-bit counter seeded at random each
 * millisecond and incremented within it (monotonic in this process), then random bits. The random
 * bytes come from a pool filled 256 ids at a time: `uuid` asks the CSPRNG once per id, which was a
 * few per cent of the server's time at 125 movements per push (bench/server-bench.ts).
 */
export function uuidv7(now = Date.now()): string {
  if (poolOffset + 16 > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const r = poolOffset;
  poolOffset += 16;
  if (now > lastMs) {
    lastMs = now;
    counter = ((pool[r + 6]! & 0x7f) << 24) | (pool[r + 7]! << 16) | (pool[r + 8]! << 8) | pool[r + 9]!;
  } else {
    counter = (counter + 1) | 0;
    // 2^31 ids in one millisecond: borrow the next millisecond, as uuid does.
    if (counter === 0) lastMs++;
  }
  const ms = lastMs;
  const b0 = (ms / 0x10000000000) & 0xff;
  const b1 = (ms / 0x100000000) & 0xff;
  const b2 = (ms / 0x1000000) & 0xff;
  const b3 = (ms / 0x10000) & 0xff;
  const b4 = (ms / 0x100) & 0xff;
  const b5 = ms & 0xff;
  const b6 = 0x70 | ((counter >>> 28) & 0x0f);
  const b7 = (counter >>> 20) & 0xff;
  const b8 = 0x80 | ((counter >>> 14) & 0x3f);
  const b9 = (counter >>> 6) & 0xff;
  const b10 = ((counter << 2) & 0xff) | (pool[r + 10]! & 0x03);
  return (
    hex[b0]! +
    hex[b1]! +
    hex[b2]! +
    hex[b3]! +
    '-' +
    hex[b4]! +
    hex[b5]! +
    '-' +
    hex[b6]! +
    hex[b7]! +
    '-' +
    hex[b8]! +
    hex[b9]! +
    '-' +
    hex[b10]! +
    hex[pool[r + 11]!]! +
    hex[pool[r + 12]!]! +
    hex[pool[r + 13]!]! +
    hex[pool[r + 14]!]! +
    hex[pool[r + 15]!]!
  );
}
