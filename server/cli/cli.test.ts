import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeviceHealth } from '../../shared/console/device-health';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { inspectSqliteFile } from './sqlite-file';
import { signIn } from '../test/managers';
import {
  catalogue,
  makeSale,
  pairDevice,
  pullProducts,
  pushSales,
  startTestServer,
  type TestServer,
} from '../test/test-server';

// Each CLI run is a fresh tsx process (seconds on a busy 2-core machine).
vi.setConfig({ testTimeout: 240_000 });

const TSX = path.resolve('node_modules/.bin/tsx');
const CLI = path.resolve('server/cli/main.ts');
const COMMANDS = [
  'create-admin',
  'create-manager',
  'reset-password',
  'disable-manager',
  'pair',
  'devices',
  'revoke-device',
  'backup',
  'restore',
];

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      [CLI, ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), LOG_LEVEL: 'silent', ...env }, timeout: 100_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

/** Runs a command that must succeed; a failure shows what the command printed on stderr. */
async function runCliOk(args: string[], env: Record<string, string>): Promise<CliResult> {
  const res = await runCli(args, env);
  expect(res.code, `${args.join(' ')}: ${res.stderr}`).toBe(0);
  return res;
}

/** The environment that points the CLI at the test server's own database. */
async function cliEnvFor(server: TestServer, database: TestDatabase): Promise<Record<string, string>> {
  if (database.kind === 'sqlite') {
    const { rows } = await sql<{ file: string }>`pragma database_list`.execute(server.db);
    return { DATA_DIR: path.dirname(rows[0]!.file), DATABASE_URL: '' };
  }
  const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(server.db);
  const url = new URL(database.databaseUrl);
  url.searchParams.set('options', `-c search_path=${rows[0]!.s}`);
  return { DATABASE_URL: url.toString() };
}

describe('operator CLI help', () => {
  it('every command answers --help with its usage and exit code 0; no command prints the overview and fails', async () => {
    // Three at a time: the machine is shared and each run is a fresh tsx process.
    const results: CliResult[] = [];
    for (let i = 0; i < COMMANDS.length; i += 3) {
      results.push(
        ...(await Promise.all(COMMANDS.slice(i, i + 3).map((c) => runCli([c, '--help'], { DATA_DIR: os.tmpdir() })))),
      );
    }
    results.forEach((r, i) => {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`Usage: npm run ecomarket -- ${COMMANDS[i]}`);
    });
    const none = await runCli([], {});
    expect(none.code).toBe(1);
    for (const c of COMMANDS) expect(none.stdout).toContain(c);
    const unknown = await runCli(['frobnicate'], {});
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  });
});

describe.each(reachableTestDatabases)('operator CLI against a running server on $label', (database: TestDatabase) => {
  let server: TestServer;
  let env: Record<string, string>;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ecomarket-cli-'));
  beforeAll(async () => {
    server = await startTestServer(database);
    env = await cliEnvFor(server, database);
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('create-admin takes the password from ECOMARKET_ADMIN_PASSWORD, never prints it, and the admin signs in over HTTP', async () => {
    const password = 'correct horse battery';
    const res = await runCli(['create-admin', '--email', 'Root@EcoMarket.test', '--name', 'Root Admin'], {
      ...env,
      ECOMARKET_ADMIN_PASSWORD: password,
    });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout + res.stderr).not.toContain(password);
    const s = await signIn(server.url, 'root@ecomarket.test', password);
    expect(s.session.manager).toMatchObject({ name: 'Root Admin', role: 'admin', branchIds: 'all' });
    const again = await runCli(['create-admin', '--email', 'root@ecomarket.test', '--name', 'Other'], {
      ...env,
      ECOMARKET_ADMIN_PASSWORD: password,
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already a manager');
  });

  it('create-manager makes a branch manager who signs in limited to their branch; an unknown branch is refused', async () => {
    const password = 'gerente-password-1';
    const res = await runCli(
      ['create-manager', '--email', 'luis@ecomarket.test', '--name', 'Luis', '--branch', 'sucursal-001'],
      { ...env, ECOMARKET_ADMIN_PASSWORD: password },
    );
    expect(res.code, res.stderr).toBe(0);
    const s = await signIn(server.url, 'luis@ecomarket.test', password);
    expect(s.session.manager).toMatchObject({ role: 'branch_manager', branchIds: ['sucursal-001'] });
    const unknown = await runCli(
      ['create-manager', '--email', 'x@ecomarket.test', '--name', 'X', '--branch', 'sucursal-999'],
      { ...env, ECOMARKET_ADMIN_PASSWORD: password },
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no branch sucursal-999');
  });

  it('reset-password ends the old sessions and the new password works; disable-manager stops sign-in until --enable', async () => {
    const env2 = { ...env, ECOMARKET_ADMIN_PASSWORD: 'first-password-1' };
    await runCliOk(['create-admin', '--email', 'rosa@ecomarket.test', '--name', 'Rosa'], env2);
    const before = await signIn(server.url, 'rosa@ecomarket.test', 'first-password-1');
    const reset = await runCli(['reset-password', '--email', 'rosa@ecomarket.test'], {
      ...env,
      ECOMARKET_ADMIN_PASSWORD: 'second-password-2',
    });
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).not.toContain('second-password-2');
    expect((await fetch(`${server.url}/api/console/session`, { headers: { cookie: before.cookie } })).status).toBe(401);
    await signIn(server.url, 'rosa@ecomarket.test', 'second-password-2');
    await runCliOk(['disable-manager', '--email', 'rosa@ecomarket.test'], env);
    await expect(signIn(server.url, 'rosa@ecomarket.test', 'second-password-2')).rejects.toThrow(/403/);
    await runCliOk(['disable-manager', '--email', 'rosa@ecomarket.test', '--enable'], env);
    await signIn(server.url, 'rosa@ecomarket.test', 'second-password-2');
  });

  it('create-admin refuses a password under 10 characters, and without a terminal or env it says how to give one', async () => {
    const weak = await runCli(['create-admin', '--email', 'weak@ecomarket.test', '--name', 'Weak'], {
      ...env,
      ECOMARKET_ADMIN_PASSWORD: 'short1234',
    });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('at least 10 characters');
    const noTty = await runCli(['create-admin', '--email', 'weak@ecomarket.test', '--name', 'Weak'], env);
    expect(noTty.code).toBe(1);
    expect(noTty.stderr).toContain('ECOMARKET_ADMIN_PASSWORD');
    expect(
      await server.db.selectFrom('managers').select('id').where('email', '=', 'weak@ecomarket.test').execute(),
    ).toEqual([]);
  });

  it('devices lists a paired device with its branch, number, name and reported health; --json for scripts', async () => {
    const device = await pairDevice(server, undefined, 'Caja Norte');
    await fetch(`${server.url}/api/devices/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        appVersion: '9.8.7',
        online: false,
        breaker: 'open',
        pendingCount: 4,
        pendingValueCents: 1050,
        rejectedCount: 0,
        lastSyncAt: null,
        storage: { usageBytes: null, quotaBytes: null, persisted: null },
      }),
    });
    const res = await runCli(['devices'], env);
    expect(res.code, res.stderr).toBe(0);
    const line = res.stdout.split('\n').find((l) => l.includes(device.deviceId))!;
    expect(line).toContain('sucursal-001');
    expect(line).toContain('Caja Norte');
    expect(line).toContain('offline');
    expect(line).toContain('4 / $10.50');
    expect(line).toContain('open');
    expect(line).toContain('9.8.7');
    const json = await runCli(['devices', '--json'], env);
    const listed = (JSON.parse(json.stdout) as DeviceHealth[]).find((d) => d.id === device.deviceId)!;
    expect(listed.status).toMatchObject({ pendingCount: 4, breaker: 'open' });
  });

  it('revoke-device unpairs a device: its token gets 401', async () => {
    const device = await pairDevice(server);
    expect((await pullProducts(server.url, device.token)).status).toBe(200);
    const res = await runCli(['revoke-device', device.deviceId], env);
    expect(res.code, res.stderr).toBe(0);
    expect((await pullProducts(server.url, device.token)).status).toBe(401);
    const unknown = await runCli(['revoke-device', 'no-such-device'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no device no-such-device');
  });

  if (database.kind === 'postgres') {
    it('backup on PostgreSQL says pg_dump is the tool and prints the command, writing nothing', async () => {
      const file = path.join(work, 'pg.dump');
      const res = await runCli(['backup', file], env);
      expect(res.code).toBe(1);
      expect(res.stdout).toContain(`pg_dump --format=custom --file="${file}" "$DATABASE_URL"`);
      expect(res.stdout).not.toContain(database.databaseUrl);
      expect(fs.existsSync(file)).toBe(false);
    });
    return;
  }

  it('backup while the server runs holds every acknowledged sale; the copy is one self-contained file', async () => {
    const device = await pairDevice(server);
    const [apple] = await catalogue(server.url, device.token);
    const sales = [1, 2, 3].map((n) => makeSale(device, n, [{ product: apple!, quantity: 1 }]));
    expect((await pushSales(server.url, device.token, sales)).status).toBe(200);
    const file = path.join(work, 'backup.sqlite');
    const res = await runCli(['backup', file], env);
    expect(res.code, res.stderr).toBe(0);
    expect(fs.readdirSync(work).filter((f) => f.startsWith('backup'))).toEqual(['backup.sqlite']);
    const copy = new SQLite(file, { readonly: true });
    const { n } = copy.prepare('select count(*) as n from sales').get() as { n: number };
    const ids = (copy.prepare('select id from sales').all() as { id: string }[]).map((r) => r.id);
    copy.close();
    const live = await server.db.selectFrom('sales').select('id').execute();
    expect(n).toBe(live.length);
    for (const s of sales) expect(ids).toContain(s.id);
    const overwrite = await runCli(['backup', file], env);
    expect(overwrite.code).toBe(1);
    expect(overwrite.stderr).toContain('--force');
  });

  it('backup finishes while the server records a sale 50 times a second (issue 9 defect 9)', async () => {
    // ~24 MB: in 100-page steps the old backup started over after nearly every write and never ended.
    await sql`create table backup_filler (id integer primary key, data blob not null)`.execute(server.db);
    for (let i = 0; i < 24; i++)
      await sql`insert into backup_filler (data) values (randomblob(1024 * 1024))`.execute(server.db);
    const device = await pairDevice(server);
    const [apple] = await catalogue(server.url, device.token);
    let writing = true;
    let acknowledged = 0;
    const writer = (async () => {
      for (let n = 1; writing; n++) {
        const res = await pushSales(server.url, device.token, [
          makeSale(device, n, [{ product: apple!, quantity: 1 }]),
        ]);
        if (res.status === 200 && res.body.acks.length === 1) acknowledged++;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    try {
      await new Promise((r) => setTimeout(r, 500));
      const before = acknowledged;
      const file = path.join(work, 'under-writes.sqlite');
      const started = Date.now();
      const res = await runCli(['backup', file], env);
      const seconds = (Date.now() - started) / 1000;
      expect(res.code, res.stderr).toBe(0);
      expect(seconds).toBeLessThan(60);
      expect(acknowledged - before, 'sales acknowledged during the backup').toBeGreaterThan(10);
      expect(fs.readdirSync(work).filter((f) => f.startsWith('under-writes'))).toEqual(['under-writes.sqlite']);
      expect(inspectSqliteFile(file).integrity).toBe('ok');
    } finally {
      writing = false;
      await writer;
      await sql`drop table backup_filler`.execute(server.db);
    }
  });

  it('a backup that fails leaves no partial file behind, and one killed earlier has its leftovers removed', async () => {
    const file = path.join(work, 'again.sqlite');
    fs.writeFileSync(`${file}.partial`, 'from a run killed with SIGKILL');
    fs.writeFileSync(`${file}.partial-journal`, 'from a run killed with SIGKILL');
    expect((await runCli(['backup', file], env)).code).toBe(0);
    expect(fs.readdirSync(work).filter((f) => f.startsWith('again'))).toEqual(['again.sqlite']);

    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'ecomarket-broken-'));
    try {
      fs.writeFileSync(path.join(broken, 'ecomarket.sqlite'), 'this is not a database '.repeat(500));
      const target = path.join(broken, 'copy.sqlite');
      const res = await runCli(['backup', target], { ...env, DATA_DIR: broken });
      expect(res.code).not.toBe(0);
      expect(fs.readdirSync(broken)).toEqual(['ecomarket.sqlite']);
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });

  it('a backup stopped with SIGTERM while it copies leaves no partial file behind', async () => {
    await sql`create table backup_filler (id integer primary key, data blob not null)`.execute(server.db);
    try {
      for (let i = 0; i < 96; i++)
        await sql`insert into backup_filler (data) values (randomblob(1024 * 1024))`.execute(server.db);
      const file = path.join(work, 'stopped.sqlite');
      const child = spawn(TSX, [CLI, 'backup', file], {
        env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), LOG_LEVEL: 'silent', ...env },
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      let sawPartial = false;
      for (let i = 0; i < 3000 && child.exitCode === null; i++) {
        if (fs.existsSync(`${file}.partial`)) {
          sawPartial = true;
          child.kill('SIGTERM');
          break;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      await exited;
      expect(sawPartial, 'the copy was under way when stopped').toBe(true);
      expect(fs.readdirSync(work).filter((f) => f.startsWith('stopped'))).toEqual([]);
    } finally {
      await sql`drop table backup_filler`.execute(server.db);
    }
  });

  it('restore checks the backup, wants --force, refuses while a server answers on PORT and a file that is not a database', async () => {
    const file = path.join(work, 'backup.sqlite');
    const port = new URL(server.url).port;
    const noForce = await runCli(['restore', file], { ...env, PORT: port });
    expect(noForce.code).toBe(1);
    expect(noForce.stdout).toContain('integrity ok');
    expect(noForce.stderr).toContain('--force');
    const running = await runCli(['restore', file, '--force'], { ...env, PORT: port });
    expect(running.code).toBe(1);
    expect(running.stderr).toContain(`A server answers on port ${port}`);
    const junk = path.join(work, 'junk.sqlite');
    fs.writeFileSync(junk, 'this is not a database'.repeat(100));
    const bad = await runCli(['restore', junk, '--force'], { ...env, PORT: '1' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('cannot be read as a SQLite database');
  });

  it('restore --force with the server stopped puts the backup back and keeps the replaced database beside it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecomarket-restore-'));
    try {
      const target = { DATA_DIR: dataDir, PORT: '1' };
      await runCliOk(['pair', 'sucursal-001'], target);
      const res = await runCli(['restore', path.join(work, 'backup.sqlite'), '--force'], target);
      expect(res.code, res.stderr).toBe(0);
      expect(fs.readdirSync(dataDir).some((f) => f.startsWith('ecomarket.sqlite.before-restore-'))).toBe(true);
      const restored = new SQLite(path.join(dataDir, 'ecomarket.sqlite'), { readonly: true });
      const { n } = restored.prepare('select count(*) as n from sales').get() as { n: number };
      restored.close();
      expect(n).toBe(3);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
