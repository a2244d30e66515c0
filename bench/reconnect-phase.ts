/**
 * Many tablets reconnecting at once (issue 14, item 4): `connections` new connections arriving
 * within `spreadMs`, each a device coming back — its live stream on a connection of its own, then
 * a pull of its stock and a push of one sale on another new connection. Counted per connection:
 * the time to its first answer (the stream's headers, the pull's response). Node accepts one new
 * connection per turn of its event loop, so a busy server answers a burst late.
 */
import http from 'node:http';
import { SYNC_STREAM_PATH, syncPath } from '../shared/protocol';
import { percentile } from './bench-http';
import { round } from './phase-result';

export interface Reconnecting {
  token: string;
  /** The body of the one-sale push the device sends after its pull. */
  pushBody(): string;
}

function firstAnswer(url: URL, method: string, token: string, body?: string, agent?: http.Agent) {
  return new Promise<{ ms: number; res: http.IncomingMessage }>((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      {
        agent: agent ?? false,
        method,
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
            : {}),
        },
      },
      (res) => resolve({ ms: performance.now() - started, res }),
    );
    req.on('error', reject);
    req.end(body);
  });
}

const drain = (res: http.IncomingMessage) =>
  new Promise<void>((resolve) => {
    res.resume();
    res.on('end', resolve);
    res.on('error', () => resolve());
  });

export async function reconnectBurst(
  base: string,
  devices: readonly Reconnecting[],
  connections: number,
  spreadMs: number,
): Promise<{ connections: number; p50Ms: number; p99Ms: number; maxMs: number; errors: number }> {
  const firstAnswers: number[] = [];
  const streams: http.IncomingMessage[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, i) => {
      const device = devices[i % devices.length]!;
      const wait = started + (i * spreadMs) / connections - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const stream = await firstAnswer(new URL(SYNC_STREAM_PATH, base), 'GET', device.token);
        firstAnswers.push(stream.ms);
        streams.push(stream.res);
        const pull = await firstAnswer(
          new URL(`${syncPath('stock', 'pull')}?limit=1000`, base),
          'GET',
          device.token,
          undefined,
          agent,
        );
        firstAnswers.push(pull.ms);
        await drain(pull.res);
        const pushed = await firstAnswer(
          new URL(syncPath('sales', 'push'), base),
          'POST',
          device.token,
          device.pushBody(),
          agent,
        );
        if (pushed.res.statusCode !== 200) errors++;
        await drain(pushed.res);
      } catch {
        errors++;
      } finally {
        agent.destroy();
      }
    }),
  );
  for (const s of streams) s.destroy();
  firstAnswers.sort((a, b) => a - b);
  return {
    connections,
    p50Ms: round(percentile(firstAnswers, 50), 1),
    p99Ms: round(percentile(firstAnswers, 99), 1),
    maxMs: round(firstAnswers.at(-1) ?? NaN, 1),
    errors,
  };
}
