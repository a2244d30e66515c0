import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { reachableTestDatabases, type TestDatabase } from './test/databases';
import { useTestServer } from './test/use-test-server';

/** A GET over `agent`, answering the local port of the connection it went over. */
function getOver(agent: http.Agent, url: string): Promise<{ status: number; localPort: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/api/health`, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, localPort: req.socket!.localPort! }));
    });
    req.on('error', reject);
  });
}

describe.each(reachableTestDatabases)('idle keep-alive connections on $label', (database: TestDatabase) => {
  const { server } = useTestServer(database);

  // Node closes them after 5 s by default: a tablet's next push (every 30 s) would open a new
  // connection, and one sent just as the server closed the old one fails (start-server.ts).
  it('a connection idle for longer than Node’s default 5 s is still open for the next request', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await getOver(agent, server.url);
      await new Promise((r) => setTimeout(r, 6000));
      const second = await getOver(agent, server.url);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.localPort).toBe(first.localPort);
    } finally {
      agent.destroy();
    }
  }, 15_000);
});
