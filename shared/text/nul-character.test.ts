import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nulPaths } from './nul-character';

/** The walk as first written (every path built as it goes, the regex of lone surrogates): the reference. */
function referencePaths(value: unknown): string[] {
  const unstorable = (text: string) => text.includes('\u0000') || /\p{Cs}/u.test(text);
  const found: string[] = [];
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
  while (stack.length > 0 && found.length < 20) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (unstorable(v)) found.push(path || '(root)');
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: join(path, i) });
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v).reverse()) {
        if (unstorable(key)) found.push(join(path, key.replaceAll('\u0000', '\\u0000').toWellFormed()));
        stack.push({ value: item, path: join(path, key) });
      }
    }
  }
  return found;
}

// Mostly plain text, sometimes with U+0000 or half of a surrogate pair somewhere in it.
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 4 }), fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d\ude00'))
      .map(([a, b]) => a + b),
  },
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(text, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('nulPaths', () => {
  it('names the same paths as the walk it replaces, for any JSON value', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(nulPaths(value)).toEqual(referencePaths(value));
      }),
      { numRuns: 5000 },
    );
  });

  it('names a NUL and a lone surrogate in values and keys, and nothing in a whole pair', () => {
    expect(nulPaths({ lines: [{ name: 'a\u0000b' }], cashierName: 'ok \ud83d\ude00', ['k\ud800']: 1 })).toEqual([
      'k\ufffd',
      'lines.0.name',
    ]);
    expect(nulPaths('\udc00')).toEqual(['(root)']);
    expect(nulPaths({ a: ['x', 1, null, { b: 'y' }] })).toEqual([]);
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(nulPaths(deep)).toHaveLength(1);
  });
});
