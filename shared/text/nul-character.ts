/**
 * PostgreSQL cannot store U+0000 in text (SQLite can), so the same input would be kept on one
 * database and fail on the other. No person types it; it is refused everywhere, the same way.
 */
export const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

const MAX_REPORTED = 20;

/**
 * Paths (a.b.0.c) of the strings in `value`, object keys included, that contain U+0000 (at most
 * 20). Iterative: a deeply nested body cannot overflow the stack.
 */
export function nulPaths(value: unknown): string[] {
  const found: string[] = [];
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) found.push(path || '(root)');
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: join(path, i) });
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v).reverse()) {
        if (key.includes('\u0000')) found.push(join(path, key.replaceAll('\u0000', '\\u0000')));
        stack.push({ value: item, path: join(path, key) });
      }
    }
  }
  return found;
}
