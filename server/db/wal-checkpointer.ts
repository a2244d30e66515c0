import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Copies SQLite's write-ahead log back into the database file from a worker thread, with a
 * connection of its own, so the server's thread does not do it inside a commit.
 *
 * With SQLite's default auto-checkpoint, the commit that takes the WAL past 1,000 pages also
 * writes those pages into the database file and fsyncs it: 10–20 ms every few pushes, during
 * which better-sqlite3 blocks the event loop (bench/server-bench.ts). Here the worker runs a
 * PASSIVE checkpoint (never blocks readers or the writer) every `intervalMs`; the server's own
 * connection keeps auto-checkpoint as a backstop at a higher mark, which also finishes off what
 * the worker left under sustained load so the WAL restarts from its beginning.
 *
 * Durability is unchanged: every commit still fsyncs the WAL (synchronous=FULL) before it
 * returns, and a checkpoint fsyncs the WAL before and the database file after copying, whichever
 * thread runs it. A checkpoint that fails (busy, I/O error) is simply tried again later.
 */
export interface WalCheckpointer {
  /** Closes the worker's connection and ends the thread; resolves when it has. */
  stop(): Promise<void>;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('busy_timeout = 0');
  db.pragma('synchronous = FULL');
} catch {
  // The database went away before this thread started (a test that closed at once): nothing to do.
  process.exit(0);
}
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // busy or failing: the next round, or the writer's own auto-checkpoint, does it
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export function startWalCheckpointer(file: string, intervalMs = 50): WalCheckpointer {
  // eval: the worker is plain JavaScript, so it runs the same under tsx, vitest and node.
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs } });
  // Never what keeps the process alive, and never what brings it down.
  worker.unref();
  worker.on('error', (err) =>
    console.error(`SQLite checkpoint worker failed (the server checkpoints by itself instead): ${err.message}`),
  );
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
}
