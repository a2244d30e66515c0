import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { call } from './bench-http';
import type { ServerUnderTest } from './phase-result';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The seed's design document beside the checkout (`../shared/seed`), or SEED_DOC. */
const SEED_DOC = process.env.SEED_DOC ?? path.resolve(HERE, '../../shared/seed/ecomarket-seed.md');
const FILE_MARK = '# filepath: EcoMarket/Central/CentralAPI.py';

/** The first Python that has FastAPI and uvicorn: SEED_PYTHON, python3 on the PATH, or the system's (Debian's packages). */
function pythonWithFastApi(): string | null {
  const candidates = [process.env.SEED_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
  for (const python of candidates) {
    try {
      execFileSync(python, ['-c', 'import fastapi, uvicorn'], { stdio: 'ignore' });
      return python;
    } catch {
      // not this one
    }
  }
  return null;
}

/** Why the seed's central cannot run here, or null when it can (python3 with FastAPI and uvicorn, and the seed's text). */
export function seedCentralMissing(): string | null {
  if (!fs.existsSync(SEED_DOC)) return `the seed's document is not at ${SEED_DOC} (set SEED_DOC)`;
  if (!pythonWithFastApi())
    return 'python3 with FastAPI and uvicorn is not installed (Debian: apt-get install python3-fastapi python3-uvicorn)';
  return null;
}

/** The seed's CentralAPI.py exactly as its document gives it, but for the port it listens on. */
function seedCentralSource(port: number): string {
  const doc = fs.readFileSync(SEED_DOC, 'utf8');
  const start = doc.indexOf(FILE_MARK);
  const end = doc.indexOf('```', start);
  if (start < 0 || end < 0) throw new Error(`CentralAPI.py not found in ${SEED_DOC}`);
  const source = doc.slice(start, end);
  const listen = 'uvicorn.run(app, host="0.0.0.0", port=8000)';
  if (!source.includes(listen)) throw new Error(`CentralAPI.py no longer says ${listen}; update bench/seed-central.ts`);
  return source.replace(listen, `uvicorn.run(app, host="0.0.0.0", port=${port})`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** Starts the seed's central (in memory, no durability) and waits until it answers. */
export async function startSeedCentral(): Promise<{ server: ServerUnderTest; stop(): Promise<void> }> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecomarket-seed-central-'));
  const file = path.join(dir, 'CentralAPI.py');
  fs.writeFileSync(file, seedCentralSource(port));
  // Its log line per notification is part of what it does; it goes to /dev/null, not to this terminal.
  const child = spawn(pythonWithFastApi()!, [file], { cwd: dir, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`the seed's central exited with ${child.exitCode}`);
    const ok = await call(url, 'GET', '/').then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (attempt > 300) throw new Error("the seed's central did not answer within 30 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    server: { url, pid: child.pid!, stats: async () => ({}) },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
