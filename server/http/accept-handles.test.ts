import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPT_HANDLES } from './accept-handles';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { startServer, type RunningServer } from '../start-server';

/**
 * `count` connections made by another process while this one's event loop is blocked (the kernel
 * completes them into the listen queue meanwhile), and the most of them the server accepted in one
 * turn of its loop after.
 */
function mostAcceptedInOneTurn(running: RunningServer, count: number): Promise<number> {
  let accepted = 0;
  const onConnection = () => accepted++;
  running.server.on('connection', onConnection);
  execFileSync(process.execPath, [
    '-e',
    `const net = require('net'); let n = 0;
     for (let i = 0; i < ${count}; i++)
       net.connect(${new URL(running.url).port}, '127.0.0.1').on('connect', () => { if (++n === ${count}) process.exit(0); });`,
  ]);
  const afterTurns = [accepted];
  return new Promise((resolve) => {
    const turn = () => {
      afterTurns.push(accepted);
      if (afterTurns.length < 5) return void setImmediate(turn);
      running.server.off('connection', onConnection);
      resolve(Math.max(...afterTurns.slice(1).map((n, i) => n - afterTurns[i]!)));
    };
    setImmediate(turn);
  });
}

const connects = (url: string) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

// Node accepts one connection per listening handle per turn of its event loop: with one handle, 500
// tablets reconnecting to a busy server waited seconds just to be accepted (docs/benchmarks.md, issue 14).
describe.each([ACCEPT_HANDLES, 1])('a server accepting on %i handle(s)', (handles) => {
  let dir: string;
  let running: RunningServer;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecomarket-accept-'));
    const config = loadConfig({}, { port: '0', host: '127.0.0.1', logLevel: 'silent', dataDir: dir });
    running = await startServer(config, createLogger('silent'), { acceptHandles: handles });
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it(`accepts ${handles} of the waiting connections in one turn of the event loop, and answers every request`, async () => {
    expect(await mostAcceptedInOneTurn(running, ACCEPT_HANDLES * 2)).toBe(handles);
    const answers = await Promise.all(
      Array.from({ length: ACCEPT_HANDLES * 4 }, () => fetch(`${running.url}/api/health`).then((r) => r.status)),
    );
    expect(answers.filter((s) => s === 200)).toHaveLength(ACCEPT_HANDLES * 4);
  });

  it('stops accepting on every handle when it closes', async () => {
    expect(await connects(running.url)).toBe(true);
    await running.close();
    expect(await connects(running.url)).toBe(false);
  });
});
