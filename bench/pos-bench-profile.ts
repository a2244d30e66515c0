/**
 * `PROFILE=<dir> npm run bench:pos`: CPU profiles (open them in Chromium's DevTools, Performance tab) of
 * what a phase of the POS benchmark makes the page and the in-process server do, and a Chromium trace of
 * every thread (the page, the journal's worker, the browser's IndexedDB thread; open it in
 * https://ui.perfetto.dev). Without PROFILE these run `work` and record nothing.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import type { CDPSession, Page } from '@playwright/test';

const DIR = process.env.PROFILE;

function write(name: string, data: unknown): void {
  fs.mkdirSync(DIR!, { recursive: true });
  const file = path.join(DIR!, name);
  fs.writeFileSync(file, JSON.stringify(data));
  console.log(`profile written: ${file}`);
}

/** The page's main thread, sampled every 100 µs while `work` runs. */
export async function pageProfile<T>(page: Page, name: string, work: () => Promise<T>): Promise<T> {
  if (!DIR) return work();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    write(`${name}.page.cpuprofile`, profile);
    await cdp.detach();
  }
}

/** This process (the server, and Playwright's side of the browser connection), sampled every 200 µs. */
export async function serverProfile<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!DIR) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    write(`${name}.server.cpuprofile`, profile);
    session.disconnect();
  }
}

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  'IndexedDB',
  'toplevel',
  'disabled-by-default-v8.cpu_profiler',
].join(',');

/** A Chromium trace of every process and thread while `work` runs. */
export async function browserTrace<T>(page: Page, name: string, work: () => Promise<T>): Promise<T> {
  if (!DIR) return work();
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: unknown[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReportEvents' });
  try {
    return await work();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    write(`${name}.trace.json`, { traceEvents: events });
    await cdp.detach();
  }
}
