import fc from 'fast-check';

/** Text a form or a device should never send, and numbers out of every range. */
export const badStrings = fc.constantFrom(
  'Ana\u0000',
  '\u0000',
  '\uD800',
  'a\uDFFFb',
  '',
  ' ',
  'x'.repeat(20_000),
  '../../package.json',
  '%FF',
  "'; drop table sales; --",
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '__proto__',
  '\u202Eevil',
);

export const badNumbers = fc.constantFrom(
  1e300,
  -1e308,
  9e15,
  2147483648,
  -2147483649,
  3000000000,
  Number.MAX_SAFE_INTEGER + 2,
  -1,
  0,
  0.5,
  -0.0001,
  1e-320,
);

/** Anything of the wrong JSON type. */
export const wrongTypes = fc.constantFrom<unknown>(null, true, false, 0, -1, 'x', [], {}, [null], { a: 1 });

/** Path segments that must be a 400/404: malformed percent-encoding, dot segments, NUL, huge. */
export const badPathSegments = fc.constantFrom(
  '%FF',
  '%E0%A4',
  '%',
  '%zz',
  '%C0%AF',
  '..',
  '%2e%2e',
  '..%2f..%2fpackage.json',
  '%00',
  'a%00b',
  '%ED%A0%80',
  'x'.repeat(5000),
  '-1',
  '2147483648',
  '1e300',
  'NaN',
);

/** An array nested `depth` deep: [[[…]]]. */
export function deeplyNested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}
