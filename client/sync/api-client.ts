import { apiErrorBodySchema } from '../../shared/protocol';
import { DEFAULT_SYNC_TIMEOUTS, readJsonWithProgress, withDeadline } from './request-deadline';

/** A failed API call, with the server's code and the message meant for a person. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function readApiError(res: Response): Promise<ApiCallError> {
  try {
    const body = apiErrorBodySchema.parse(await res.json());
    return new ApiCallError(res.status, body.error.code, body.error.message);
  } catch {
    return new ApiCallError(res.status, 'HTTP_' + res.status, `The server answered ${res.status} ${res.statusText}.`);
  }
}

export interface DeviceApi {
  baseUrl: string;
  token: string;
  fetch: typeof fetch;
}

/**
 * GET a JSON answer. Given up (RequestTimeoutError) once `idleMs` pass without a byte of it:
 * headers or body, so a big answer on a slow link lives as long as it keeps coming.
 */
export function getJson(api: DeviceApi, path: string, idleMs = DEFAULT_SYNC_TIMEOUTS.pullIdleMs): Promise<unknown> {
  return withDeadline(`GET ${path.split('?')[0]}`, idleMs, async (signal, progress) => {
    const res = await api.fetch(`${api.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${api.token}` },
      cache: 'no-store',
      signal,
    });
    progress();
    if (!res.ok) throw await readApiError(res);
    return readJsonWithProgress(res, progress);
  });
}
