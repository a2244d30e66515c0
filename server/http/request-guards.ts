import type { RequestHandler } from 'express';
import { ApiError } from './api-error';

/**
 * Checks of the address itself, before any route: a path that cannot be decoded, a `..` segment
 * (encoded or not) or a NUL character (which PostgreSQL cannot store) is a 400 on every route
 * alike, instead of an error deep in a router, the static file server or the database.
 */
export function requestGuards(): RequestHandler {
  return (req, _res, next) => {
    if (/%00/i.test(req.url) || req.url.includes('\u0000'))
      throw new ApiError('BAD_REQUEST', 'The address contains a NUL character (%00); remove it and try again.');
    let decoded: string;
    try {
      decoded = decodeURIComponent(req.path);
    } catch {
      throw new ApiError(
        'BAD_REQUEST',
        'The address has a malformed percent-encoding (a % must be followed by two hex digits of valid UTF-8); correct the link and try again.',
      );
    }
    if (decoded.split(/[/\\]/).includes('..'))
      throw new ApiError('BAD_REQUEST', 'The address contains a ".." segment; ask for the file by its own path.');
    next();
  };
}
