import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type Db } from '../../server/db/database';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export type DatabaseKind = 'sqlite' | 'postgres';

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

async function withPg<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * The real server in a child process on a fresh database (a SQLite file in a temp folder, or a
 * new PostgreSQL schema), always on the same port so the proxy's target survives restarts.
 * Its log (warnings and errors) goes to `logFile`.
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  readonly logFile: string;
  kills = 0;
  restarts = 0;

  private constructor(
    readonly kind: DatabaseKind,
    readonly port: number,
    private readonly dir: string,
    private readonly databaseUrl: string,
    private readonly schema: string,
  ) {
    this.logFile = path.join(dir, 'server.log');
  }

  static async create(kind: DatabaseKind, databaseUrl: string): Promise<ServerProcess> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ecomarket-chaos-${kind}-`));
    const schema = kind === 'postgres' ? `chaos_${randomBytes(5).toString('hex')}` : '';
    if (schema) await withPg(databaseUrl, (c) => c.query(`CREATE SCHEMA ${schema}`));
    return new ServerProcess(kind, await freePort(), dir, databaseUrl, schema);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  async start(): Promise<void> {
    const log = fs.openSync(this.logFile, 'a');
    const child = fork(path.join(HERE, 'server-entry.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DATA_DIR: this.dir,
        CLIENT_DIR: path.join(this.dir, 'no-client'),
        DATABASE_URL: this.kind === 'postgres' ? this.databaseUrl : '',
        CHAOS_PG_SCHEMA: this.schema,
        // Every simulated tablet pairs from this one address at the same moment; on PostgreSQL the
        // attempts overlap and each counts against the per-IP limit until it succeeds.
        PAIR_LIMIT_PER_IP: '1000',
      },
      stdio: ['ignore', log, log, 'ipc'],
    });
    fs.closeSync(log);
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start in 60 s (see ${this.logFile})`)), 60_000);
      child.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code} while starting (see ${this.logFile})`));
      });
    });
    child.removeAllListeners('exit');
    child.once('exit', () => {
      if (this.child === child) this.child = null;
    });
  }

  /** SIGKILL: no shutdown, no flush, whatever was in flight is cut. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.kills += 1;
    this.child = null;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async restart(): Promise<void> {
    this.restarts += 1;
    await this.start();
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }

  /** Errors the server logged (pino level 50 and up: unhandled errors, 5xx answers), with the first one. */
  loggedErrors(): { count: number; first: string | null } {
    if (!fs.existsSync(this.logFile)) return { count: 0, first: null };
    const lines = fs
      .readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter((l) => /"level":(5|6)0/.test(l));
    return { count: lines.length, first: lines[0]?.slice(0, 600) ?? null };
  }

  /** A connection of the checker's own to the run's database. */
  openDb(): Db {
    return this.kind === 'postgres'
      ? openDatabase({ kind: 'postgres', databaseUrl: this.databaseUrl, pgSchema: this.schema, poolSize: 2 })
      : openDatabase({ kind: 'sqlite', sqliteFile: path.join(this.dir, 'ecomarket.sqlite') });
  }

  /** Drops the run's schema or folder; kept when `keep` (a failed run, for a look afterwards). */
  async cleanup(keep: boolean): Promise<void> {
    await this.stop();
    if (keep) return;
    if (this.schema) await withPg(this.databaseUrl, (c) => c.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
