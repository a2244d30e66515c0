import { apiErrorBodySchema, type ErrorCode } from '../../../shared/protocol/api-error';
import { CSRF_HEADER } from '../../../shared/console/manager-session';

/** An API answer other than 2xx, in the one error shape; `status` 0 when the server could not be reached. */
export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK' | 'UNKNOWN',
    message: string,
    readonly details: { path: string; message: string }[] = [],
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ConsoleApiError';
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

interface ClientHooks {
  /** The CSRF token of the current session, sent on every change. */
  csrfToken: () => string | null;
  /** A 401 on anything but signing in: the session expired or was ended elsewhere. */
  onUnauthenticated: () => void;
}

/** Same-origin JSON calls to /api with the session cookie; errors become ConsoleApiError. */
export class ApiClient {
  constructor(private readonly hooks: ClientHooks) {}

  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', withQuery(path, query), undefined, signal);
  }
  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body ?? {});
  }
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }
  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }
  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const csrf = this.hooks.csrfToken();
    if (method !== 'GET' && csrf) headers[CSRF_HEADER] = csrf;
    let res: Response;
    try {
      res = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        signal,
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new ConsoleApiError(0, 'NETWORK', 'The server could not be reached.');
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      // A proxy's HTML error page: handled below as an unknown error.
    }
    if (res.ok) return json as T;
    const parsed = apiErrorBodySchema.safeParse(json);
    const retryAfter = Number(res.headers.get('retry-after'));
    const error = parsed.success
      ? new ConsoleApiError(
          res.status,
          parsed.data.error.code as ErrorCode,
          parsed.data.error.message,
          parsed.data.error.details ?? [],
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
        )
      : new ConsoleApiError(res.status, 'UNKNOWN', `HTTP ${res.status}`);
    if (res.status === 401 && !path.startsWith('/api/console/session')) this.hooks.onUnauthenticated();
    throw error;
  }
}
