import { spawn } from 'node:child_process';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './e2e-env';

export interface KillableBrowser {
  browser: Browser;
  /** The profile's own context: IndexedDB, localStorage and the service worker persist in it. */
  context: BrowserContext;
  /** SIGKILL to the browser and its children at once, as when the tablet's browser is killed. */
  kill(): Promise<void>;
}

/**
 * Chromium started as its own process on `profile` and driven over CDP, so a test can kill the
 * process itself: Playwright's own launch gives no process to kill for a persistent profile, and
 * closing or crashing a page lets the browser flush what a killed one would lose.
 */
export async function launchKillable(profile: string): Promise<KillableBrowser> {
  const child = spawn(
    chromiumPath ?? chromium.executablePath(),
    [...chromiumArgs, '--headless=new', `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'],
    // Its own process group, so one signal reaches the renderers and the network service too.
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${seen}`)), 30_000);
    // Read to the end: a full pipe would stall the browser.
    child.stderr.on('data', (chunk: Buffer) => {
      if (seen.length < 20_000) seen += chunk.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before it started:\n${seen}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  return {
    browser,
    context: browser.contexts()[0]!,
    kill: async () => {
      // Wait for Playwright to see the connection go too: a context it still believes open at the test's
      // end fails the test's teardown ("Target page, context or browser has been closed").
      const disconnected = browser.isConnected()
        ? new Promise<void>((resolve) => browser.once('disconnected', () => resolve()))
        : Promise.resolve();
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
      await Promise.race([disconnected, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    },
  };
}
