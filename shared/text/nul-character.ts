/**
 * PostgreSQL cannot store U+0000 in text, nor half of a UTF-16 surrogate pair in JSON (SQLite
 * stores the one and silently replaces the other), so the same input would be kept on one database
 * and fail on the other. No person types either; both are refused everywhere, the same way.
 */
export const NUL_MESSAGE =
  'must not contain the NUL character (U+0000) or half of a surrogate pair (text that is not valid Unicode)';

/** U+0000, or a surrogate code unit not part of a pair (a string that is not well formed). */
const unstorable = (text: string) => text.includes('\u0000') || !text.isWellFormed();

const MAX_REPORTED = 20;

/**
 * Paths (a.b.0.c) of the strings in `value`, object keys included, that contain U+0000 or a lone
 * surrogate (at most 20). Iterative: a deeply nested body cannot overflow the stack.
 */
export function nulPaths(value: unknown): string[] {
  return hasUnstorable(value) ? unstorablePaths(value) : [];
}

/**
 * Whether any string in `value`, keys included, is unstorable: the walk of every push's every
 * document (docs/benchmarks.md, issue 14), which builds no path until there is one to report.
 */
function hasUnstorable(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (unstorable(v)) return true;
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (v !== null && typeof v === 'object') {
      for (const key of Object.keys(v)) {
        if (unstorable(key)) return true;
        stack.push((v as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

function unstorablePaths(value: unknown): string[] {
  const found: string[] = [];
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
  while (stack.length > 0 && found.length < MAX_REPORTED) {
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
