import { apiErrorBodySchema } from '../../shared/protocol';

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

export async function getJson(api: DeviceApi, path: string): Promise<unknown> {
  const res = await api.fetch(`${api.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${api.token}` },
    cache: 'no-store',
  });
  if (!res.ok) throw await readApiError(res);
  return res.json();
}
