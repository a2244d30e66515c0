import fc from 'fast-check';
import { badNumbers, badPathSegments, badStrings, deeplyNested, wrongTypes } from './bad-values';

export type FuzzBody = { json: unknown } | { raw: string };

type Path = (string | number)[];

function nodePaths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (value && typeof value === 'object' && prefix.length < 5)
    for (const [k] of Object.entries(value)) nodePaths((value as Record<string, unknown>)[k], [...prefix, k], out);
  return out;
}

/** Sets an own, enumerable property even for `__proto__`, so JSON.stringify sends it. */
function put(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function edit(
  value: unknown,
  path: Path,
  change: (parent: Record<string | number, unknown>, key: string | number) => void,
) {
  if (path.length === 0) return value;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  change(node, path[path.length - 1]!);
  return copy;
}

const badValue = fc.oneof(badStrings, badNumbers, wrongTypes, fc.constant(JSON.parse(deeplyNested(60))));

/**
 * One mistake in an otherwise plausible value: a field of the wrong type, a bad string or an
 * out-of-range number, a missing field, or an extra one (`__proto__` and `constructor` included).
 */
export function mutate(value: unknown): fc.Arbitrary<unknown> {
  const paths = nodePaths(value);
  return fc.constantFrom(...paths).chain((path) => {
    const options: fc.Arbitrary<unknown>[] = [
      badValue.map((bad) => (path.length ? edit(value, path, (p, k) => put(p, k, bad)) : bad)),
    ];
    if (path.length > 0) options.push(fc.constant(edit(value, path, (p, k) => void delete p[k])));
    const node = path.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)?.[k], value);
    if (node && typeof node === 'object' && !Array.isArray(node))
      options.push(
        fc.tuple(fc.constantFrom('zzExtra', '__proto__', 'constructor', 'id'), badValue).map(([key, bad]) => {
          const copy = structuredClone(value) as Record<string, unknown>;
          const target = path.reduce<Record<string | number, unknown>>((n, k) => n[k] as Record<string, unknown>, copy);
          put(target, key, bad);
          return copy;
        }),
      );
    return fc.oneof(...options);
  });
}

const OVERSIZED = `{"x":"${'y'.repeat(3_000_000)}"}`;

/** Bodies that are not what any route expects at all. */
export const hostileBodies: fc.Arbitrary<FuzzBody> = fc.constantFrom<FuzzBody>(
  { raw: '{"a":' },
  { raw: 'not json' },
  { raw: '' },
  { raw: 'null' },
  { raw: deeplyNested(20_000) },
  { raw: OVERSIZED },
  { raw: '{"__proto__":{"polluted":true}}' },
  { raw: '{"constructor":{"prototype":{"polluted":true}}}' },
  { raw: '"\\ud800"' },
  { raw: '[1e999]' },
);

/** A body derived from a valid-looking one: mostly one mistake in it, sometimes nothing like JSON. */
export function mutatedBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<FuzzBody> {
  return fc.oneof(
    { weight: 6, arbitrary: valid.chain(mutate).map((json) => ({ json })) },
    { weight: 1, arbitrary: wrongTypes.map((json) => ({ json })) },
    { weight: 2, arbitrary: hostileBodies },
  );
}

/** encodeURIComponent, except that what it cannot encode (a lone surrogate) goes as its UTF-8 bytes would. */
function encode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
}

export function queryString(entries: [string, string][]): string {
  return entries.length ? `?${entries.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
}

/** The query of `valid` with one parameter broken: a bad value, a malformed escape, repeated, or nested. */
export function mutatedQuery(valid: Record<string, unknown>): fc.Arbitrary<string> {
  const entries = Object.entries(valid).map(([k, v]): [string, string] => [k, encode(String(v))]);
  const keys = [...new Set([...entries.map(([k]) => k), 'limit', 'seq', 'id', 'cursor'])];
  return fc
    .tuple(
      fc.constantFrom(...keys),
      fc.oneof(
        badPathSegments,
        fc.oneof(badStrings, badNumbers.map(String)).map(encode),
        fc.constantFrom('', '[]', '%5B%5D', '{}'),
      ),
      fc.constantFrom('replace', 'repeat', 'nest'),
    )
    .map(([key, bad, how]) => {
      const rest = entries.filter(([k]) => k !== key);
      if (how === 'repeat') return queryString([...rest, [key, bad], [key, '1']]);
      if (how === 'nest') return queryString([...rest, [`${key}[a]`, bad]]);
      return queryString([...rest, [key, bad]]);
    });
}

/** A path parameter as it may arrive: a malformed escape, a dot segment, NUL, far too long, a bad number. */
export const badPathParam: fc.Arbitrary<string> = fc.oneof(badPathSegments, badStrings.map(encode));
