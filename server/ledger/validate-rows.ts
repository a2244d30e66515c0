import type { Rejection } from '../../shared/protocol';
import { NUL_MESSAGE, nulPaths } from '../../shared/text/nul-character';

/**
 * A pushed document with U+0000 in any text, refused on its own before it reaches the database:
 * PostgreSQL cannot store the character, and the failed write would fail the whole batch (SPEC S2).
 */
export function nulRefusal(what: string, docId: string, document: unknown): Rejection | null {
  const paths = nulPaths(document);
  if (paths.length === 0) return null;
  return {
    id: docId.replaceAll('\u0000', '\\u0000'),
    code: 'BAD_REQUEST',
    status: 400,
    message: `${what} ${docId.replaceAll('\u0000', '\\u0000')} is malformed: ${paths.map((p) => `${p}: ${NUL_MESSAGE}`).join('; ')}`,
  };
}
