import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HealthResponse } from '../shared/protocol';
import { loadConfig } from './config';
import { reachableTestDatabases, type TestDatabase } from './test/databases';
import { createManager } from './test/managers';
import { startTestServer } from './test/test-server';
import { useTestServer } from './test/use-test-server';

/** A self-signed certificate for localhost and 127.0.0.1, made with the machine's openssl. */
function selfSignedCertificate(dir: string): { certFile: string; keyFile: string; cert: Buffer } {
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile, cert: fs.readFileSync(certFile) };
}

function httpsRequest(
  url: string,
  ca: Buffer,
  options: { method?: string; body?: unknown } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = https.request(
      url,
      { ca, method: options.method ?? 'GET', headers: payload ? { 'content-type': 'application/json' } : {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('HTTPS settings', () => {
  it('TLS_CERT_FILE without TLS_KEY_FILE is refused at start with both names in the message', () => {
    expect(() => loadConfig({ TLS_CERT_FILE: '/etc/cert.pem' })).toThrow(/TLS_CERT_FILE.*TLS_KEY_FILE/);
  });
});

describe.each(reachableTestDatabases)('built-in HTTPS on $label', (database: TestDatabase) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecomarket-tls-'));
  const tls = selfSignedCertificate(dir);
  const { server } = useTestServer(database, { config: { tlsCertFile: tls.certFile, tlsKeyFile: tls.keyFile } });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('serves /api/health over https with the configured certificate', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const res = await httpsRequest(`${server.url}/api/health`, tls.cert);
    expect(res.status).toBe(200);
    expect((JSON.parse(res.body) as HealthResponse).status).toBe('ok');
    // Browsers keep HSTS only from https answers.
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('a client that does not trust the certificate is refused (it is really TLS with our cert)', async () => {
    await expect(httpsRequest(`${server.url}/api/health`, Buffer.from(''))).rejects.toThrow(
      /self[- ]signed|certificate/i,
    );
  });

  it('over https the console session cookie is Secure', async () => {
    const m = await createManager(server.db, { role: 'admin' });
    const res = await httpsRequest(`${server.url}/api/console/session`, tls.cert, {
      method: 'POST',
      body: { email: m.email, password: m.password },
    });
    expect(res.status).toBe(201);
    const cookie = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('ecomarket_session='))!;
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
  });
});

describe('HTTPS with unreadable files', () => {
  it('a missing certificate file stops the start with a message naming the setting', async () => {
    await expect(
      startTestServer(
        { kind: 'sqlite', label: 'SQLite' },
        { tlsCertFile: '/nonexistent/cert.pem', tlsKeyFile: '/nonexistent/key.pem' },
      ),
    ).rejects.toThrow(/TLS_CERT_FILE=\/nonexistent\/cert.pem cannot be read \(ENOENT\)/);
  });
});
