import type { Request, Response } from 'express';
import { STREAM_EVENTS } from '../../shared/protocol';
import type { ChangeBus, ChangeEvent } from './change-bus';

/**
 * One Server-Sent Events stream of committed changes (SPEC S6): `resync` at once, `changed` with
 * whatever `visible` makes of each bus event (nothing when it returns null), heartbeats so proxies
 * keep it open; it ends when the client goes. Devices and consoles differ only in `visible` and
 * `stillAllowed`, asked at every heartbeat: a device unpaired or a session ended meanwhile (by the
 * CLI, another instance, a sign-out) loses its stream within one heartbeat, and its reconnect gets 401.
 */
export function serveChangeStream(
  req: Request,
  res: Response,
  bus: ChangeBus,
  heartbeatMs: number,
  visible: (event: ChangeEvent) => unknown,
  stillAllowed: () => Promise<boolean>,
): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  send(STREAM_EVENTS.resync, {});
  const unsubscribe = bus.subscribe((event) => {
    const data = visible(event);
    if (data !== null) send(STREAM_EVENTS.changed, data);
  });
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    unsubscribe();
  };
  const heartbeat = setInterval(() => {
    stillAllowed().then(
      (allowed) => {
        if (ended) return;
        if (allowed) send(STREAM_EVENTS.heartbeat, { at: new Date().toISOString() });
        else {
          end();
          res.end();
        }
      },
      // A database hiccup is not a revocation: keep the stream, ask again next time.
      () => undefined,
    );
  }, heartbeatMs);
  req.on('close', end);
}
