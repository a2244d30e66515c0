import { spawn, type SendHandle } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import type { Logger } from 'pino';

/**
 * How many handles accept the listening socket's connections. Node's event loop accepts ONE new
 * connection per listening handle per turn, and a turn of a busy server lasts tens of
 * milliseconds: 500 tablets reconnecting at once (a stream and a pull connection each) waited
 * seconds just to be accepted (docs/benchmarks.md, issue 14). Each extra handle is the same socket
 * under another file descriptor, registered with the loop on its own: a turn then accepts up to
 * this many connections. An idle server pays nothing; a lone connection wakes every handle and
 * all but one find nothing to accept (a failed accept() each).
 */
export const ACCEPT_HANDLES = 16;

/**
 * Node cannot duplicate a descriptor itself, but sending a handle to another process does: a short-lived
 * helper receives the listening handle once and sends it back `count` times, each arriving as a
 * new descriptor of the same socket (what the cluster module does for its workers). The handle
 * travels raw (not as a net.Server): the helper never listens on it, so it accepts no connection
 * of its own; its 'message' listener keeps it alive until it is killed or its parent is gone.
 */
const ECHO_HELPER = `process.on('message', (n, handle) => { for (let i = 0; i < Number(n); i++) process.send('handle', handle); });`;

/** libuv's TCP handle under a net.Server (its _handle); child_process sends it as 'net.Native'. */
type RawHandle = SendHandle;

/** The listening server's socket under `count` more descriptors, each listening as a net.Server of its own. */
function duplicateListener(server: net.Server, count: number, backlog: number): Promise<net.Server[]> {
  return new Promise((resolve, reject) => {
    const helper = spawn(process.execPath, ['-e', ECHO_HELPER], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const copies: net.Server[] = [];
    const listened: Promise<unknown>[] = [];
    // A helper that never answers must not hold the server's start: it then keeps its one handle.
    const timer = setTimeout(() => fail(new Error('the helper sent no handle within 5 s')), 5000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      helper.kill();
      for (const c of copies) c.close();
      reject(err);
    };
    helper.once('error', fail);
    helper.once('exit', (code) => {
      if (copies.length < count) fail(new Error(`the helper exited with ${code} after ${copies.length} handles`));
    });
    const listening = (server as unknown as { _handle: RawHandle & { listen(backlog: number): number } })._handle;
    helper.on('message', (_m, handle) => {
      const copy = new net.Server();
      listened.push(once(copy, 'listening'));
      copies.push(copy.listen(handle as RawHandle));
      if (copies.length < count) return;
      helper.removeAllListeners('exit');
      helper.kill();
      // Each copy listened again with Node's 511, which set the socket's queue length (one queue for all
      // its descriptors): the server's own length again, once they all listen.
      clearTimeout(timer);
      void Promise.all(listened).then(() => {
        listening.listen(backlog);
        resolve(copies);
      }, fail);
    });
    helper.send(String(count), listening);
  });
}

/**
 * Has `server` accept on `extra` more descriptors of its listening socket: their connections are handed
 * to it as its own ('connection'), with Nagle off as http's own accept sets it. Returns how to stop
 * them (before the server closes: they would keep accepting). When the copies cannot be made, the
 * server keeps its one handle and the problem is logged.
 */
export async function acceptOnMoreHandles(
  server: net.Server,
  extra: number,
  backlog: number,
  logger: Logger,
): Promise<() => Promise<void>> {
  if (extra <= 0) return async () => undefined;
  let copies: net.Server[];
  try {
    copies = await duplicateListener(server, extra, backlog);
  } catch (err) {
    logger.warn({ err }, 'accepting on one handle only');
    return async () => undefined;
  }
  for (const copy of copies) {
    copy.on('connection', (socket: net.Socket) => {
      socket.setNoDelay(true);
      server.emit('connection', socket);
    });
    copy.on('error', (err) => logger.error({ err }, 'a copy of the listening socket failed'));
  }
  return () =>
    Promise.all(copies.map((c) => new Promise<void>((resolve) => c.close(() => resolve())))).then(() => undefined);
}
