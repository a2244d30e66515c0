import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { startServer, type RunningServer } from '../start-server';
import { request } from '../test/test-server';

/** Issue 9 defect 10: the project installed under a hidden folder (/opt/.releases/ecomarket). */
describe('an install path with a hidden folder', () => {
  let dir: string;
  let running: RunningServer;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecomarket-hidden-'));
    const clientDir = path.join(dir, '.releases', 'ecomarket', 'dist');
    await fs.mkdir(path.join(clientDir, 'pos'), { recursive: true });
    await fs.writeFile(path.join(clientDir, 'pos', 'index.html'), '<!doctype html><title>EcoMarket POS</title>');
    await fs.writeFile(path.join(clientDir, '.env'), 'SECRET=do-not-serve');
    const config = loadConfig(
      {},
      { port: '0', host: '127.0.0.1', logLevel: 'silent', dataDir: path.join(dir, 'data'), clientDir },
    );
    running = await startServer(config, createLogger('silent'));
  });
  afterAll(async () => {
    await running?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('still serves the POS page', async () => {
    for (const p of ['/pos', '/pos/sell']) {
      const res = await request<string>(running.url, p);
      expect(res.status, p).toBe(200);
      expect(res.body, p).toContain('<title>EcoMarket POS</title>');
    }
  });

  it('still does not serve a hidden file that a request names', async () => {
    for (const p of ['/.env', '/pos/../.env', '/%2eenv']) {
      const res = await request<unknown>(running.url, p);
      expect(JSON.stringify(res.body), p).not.toMatch(/SECRET/);
    }
  });
});
