import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { baseURL, chromiumArgs, chromiumPath } from './e2e-env';
import { PosPage } from './pos-page';
import { ServerDb } from './server-db';

interface Fixtures {
  /** A persistent profile: IndexedDB and the service worker survive reloads, as on a tablet. */
  context: BrowserContext;
  page: Page;
  pos: PosPage;
  serverDb: ServerDb;
}

/** A tablet's own browser, closed (and its profile removed) by `close`. */
export interface Tablet {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Launches a tablet with a persistent profile of its own, as a second device of the branch would be. */
export async function launchTablet(profilePrefix: string): Promise<Tablet> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), profilePrefix));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: chromiumArgs,
    baseURL,
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    const tablet = await launchTablet('ecomarket-profile-');
    await use(tablet.context);
    await tablet.close();
  },
  page: async ({ context }, use) => {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // Failed requests while the test has cut the network are expected, not app errors.
      if (m.type() === 'error' && !/ERR_INTERNET_DISCONNECTED|Failed to load resource|Failed to fetch/.test(m.text()))
        errors.push(`console: ${m.text()}`);
    });
    await use(page);
    expect(errors, 'the page logged errors').toEqual([]);
  },
  pos: async ({ page, context }, use) => {
    await use(new PosPage(page, context));
  },
  // eslint-disable-next-line no-empty-pattern
  serverDb: async ({}, use) => {
    const db = new ServerDb();
    await use(db);
    await db.close();
  },
});

export { expect };
