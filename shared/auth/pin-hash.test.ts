import { describe, expect, it } from 'vitest';
import { hashPin, PIN_HASH_ITERATIONS, verifyPin } from './pin-hash';

describe('PIN hash (PBKDF2-SHA256 via WebCrypto, shared by console and offline POS)', () => {
  it('round trip: the PIN that was hashed verifies, a wrong PIN does not', async () => {
    const stored = await hashPin('4821');
    expect(stored.pinIterations).toBe(PIN_HASH_ITERATIONS);
    expect(await verifyPin('4821', stored)).toBe(true);
    expect(await verifyPin('4822', stored)).toBe(false);
    expect(await verifyPin('48210', stored)).toBe(false);
  });

  it('never stores the PIN: 16-byte random salt, 32-byte hash, a new salt every time', async () => {
    const a = await hashPin('123456', undefined, 1000);
    const b = await hashPin('123456', undefined, 1000);
    expect(atob(a.pinSalt)).toHaveLength(16);
    expect(atob(a.pinHash)).toHaveLength(32);
    expect(a.pinSalt).not.toBe(b.pinSalt);
    expect(a.pinHash).not.toBe(b.pinHash);
    expect(JSON.stringify(a)).not.toContain('123456');
  });

  it('is deterministic for a given salt and iteration count (known PBKDF2-SHA256 vector)', async () => {
    // RFC 7914 §11 PBKDF2-HMAC-SHA256("passwd", "salt", 1) first 32 bytes.
    const salt = btoa('salt');
    const { pinHash } = await hashPin('passwd', salt, 1);
    const hex = Array.from(atob(pinHash), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
    expect(hex).toBe('55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc');
  });

  it('uses the stored iteration count, so raising the default later keeps old hashes valid', async () => {
    const old = await hashPin('0000', undefined, 10);
    expect(await verifyPin('0000', old)).toBe(true);
    expect(await verifyPin('0000', { ...old, pinIterations: 11 })).toBe(false);
  });

  it('a malformed stored hash or a PIN that is not 4-8 digits never verifies', async () => {
    const stored = await hashPin('1234', undefined, 10);
    expect(await verifyPin('1234', { ...stored, pinHash: '' })).toBe(false);
    expect(await verifyPin('1234', { ...stored, pinHash: '***' })).toBe(false);
    expect(await verifyPin('12a4', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
  });
});
