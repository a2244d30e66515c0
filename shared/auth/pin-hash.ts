/**
 * Cashier PINs: PBKDF2-SHA256 through WebCrypto, so the same code hashes a PIN in the console's
 * server (Node 20) and verifies it on the tablet with no network (browser). Only the hash, the
 * salt and the iteration count ever leave the server (CashierDoc); the PIN never does.
 */

/** Slow enough to make guessing a 4-digit PIN from a stolen tablet take real work, fast enough for a tap. */
export const PIN_HASH_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

/** 4 to 8 digits: what a cashier types on the lock screen. */
export const PIN_PATTERN = /^\d{4,8}$/;

export interface PinHash {
  pinHash: string;
  pinSalt: string;
  pinIterations: number;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

/** Hashes a PIN with a new random salt (or the given one, to verify or to test). */
export async function hashPin(
  pin: string,
  saltB64?: string,
  iterations: number = PIN_HASH_ITERATIONS,
): Promise<PinHash> {
  const salt =
    saltB64 === undefined ? globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES)) : fromBase64(saltB64);
  const hash = await derive(pin, salt, iterations);
  return { pinHash: toBase64(hash), pinSalt: toBase64(salt), pinIterations: iterations };
}

/** Compares every byte whatever the first difference, so the time taken says nothing about the hash. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** True when the PIN matches the cashier's stored hash. A malformed stored hash never matches. */
export async function verifyPin(pin: string, cashier: PinHash): Promise<boolean> {
  if (!PIN_PATTERN.test(pin) || !Number.isInteger(cashier.pinIterations) || cashier.pinIterations < 1) return false;
  let expected: Uint8Array;
  let salt: Uint8Array<ArrayBuffer>;
  try {
    expected = fromBase64(cashier.pinHash);
    salt = fromBase64(cashier.pinSalt);
  } catch {
    return false;
  }
  if (expected.length === 0) return false;
  const actual = await derive(pin, salt, cashier.pinIterations);
  return constantTimeEqual(actual, expected);
}
