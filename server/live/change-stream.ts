import type { Request, Response } from 'express';
import { STREAM_EVENTS } from '../../shared/protocol';
import type { ChangeBus, ChangeEvent } from './change-bus';

/**
 * One Server-Sent Events stream of committed changes (SPEC S6): `resync` at once, `changed` with
 * whatever `visible` makes of each bus event (nothing when it returns null), heartbeats so proxies
 * keep it open; it ends when the client goes. Devices and consoles differ only in `visible`.
 */
export function serveChangeStream(req: Request, res: Response, bus: ChangeBus, heartbeatMs: number, visible: (event: ChangeEvent) => unknown): void {
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
  const heartbeat = setInterval(() => send(STREAM_EVENTS.heartbeat, { at: new Date().toISOString() }), heartbeatMs);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
