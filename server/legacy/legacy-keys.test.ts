import { describe, expect, it } from 'vitest';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases } from '../test/databases';
import { request } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';
import { runLegacyKeyCommand } from './legacy-keys';

function capture() {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: { log: (l: string) => lines.push(l), error: (l: string) => errors.push(l) } };
}

describe.each(reachableTestDatabases)('legacy-key operator command on $label', (database) => {
  const { server } = useTestServer(database);

  it('[S12] issue prints the key once and stores only its hash; the URL then works', async () => {
    const c = capture();
    expect(await runLegacyKeyCommand(server.db, ['issue', DEMO_BRANCH_ID], c.out, server.url)).toBe(0);
    const key = /\/legacy\/([A-Za-z0-9_-]{43})/.exec(c.lines.join('\n'))?.[1];
    expect(key).toBeDefined();
    const rows = await server.db.selectFrom('legacy_keys').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(key);
    expect((await request(server.url, `/legacy/${key}/inventory`)).status).toBe(200);
  });

  it('[S12] issue refuses an unknown branch', async () => {
    const c = capture();
    expect(await runLegacyKeyCommand(server.db, ['issue', 'no-such-branch'], c.out)).toBe(1);
    expect(c.errors.join('\n')).toContain('There is no branch no-such-branch');
  });

  it('[S12] list shows each key by prefix; revoke by prefix turns its URL into a 404', async () => {
    const issue = capture();
    await runLegacyKeyCommand(server.db, ['issue', DEMO_BRANCH_ID], issue.out, server.url);
    const key = /\/legacy\/([A-Za-z0-9_-]{43})/.exec(issue.lines.join('\n'))![1]!;
    const list = capture();
    expect(await runLegacyKeyCommand(server.db, ['list'], list.out)).toBe(0);
    expect(list.lines.join('\n')).toContain(`${key.slice(0, 8)}…`);
    expect(list.lines.join('\n')).not.toContain(key);

    const revoke = capture();
    expect(await runLegacyKeyCommand(server.db, ['revoke', key.slice(0, 8)], revoke.out)).toBe(0);
    expect((await request(server.url, `/legacy/${key}/inventory`)).status).toBe(404);
    const after = capture();
    await runLegacyKeyCommand(server.db, ['list'], after.out);
    expect(after.lines.filter((l) => l.includes('revoked'))).toHaveLength(1);
  });

  it('[S12] revoke names what it could not find', async () => {
    const c = capture();
    expect(await runLegacyKeyCommand(server.db, ['revoke', 'zzzzzzzz'], c.out)).toBe(1);
    expect(c.errors.join('\n')).toContain('No legacy key');
  });
});
