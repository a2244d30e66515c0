import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { baseURL } from './e2e-env';
import { expect } from './fixtures';
import { launchKillable, type KillableBrowser } from './killable-browser';
import { PosPage } from './pos-page';
import type { ServerDb } from './server-db';
import { seededRandom } from '../shared/seeded-random';

/** What the screen states at start about the last charge: the ticket it saved, or the cart, not charged. */
export type Outcome = { saved: string } | { restored: true };

/** A POS in a browser whose process a test can kill; `page` and `browser` change at each restart. */
export interface CrashRig {
  browser: KillableBrowser;
  page: Page;
  random: () => number;
  profile: string;
}

async function openPos(browser: KillableBrowser): Promise<Page> {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(`${baseURL}/pos`);
  return page;
}

/**
 * Runs `body` on a POS paired as `deviceName`, in a killable browser on a profile of its own
 * (removed afterwards), with randomness seeded from E2E_SEED or the clock and logged as `name`.
 */
export async function withCrashRig(
  name: string,
  serverDb: ServerDb,
  deviceName: string,
  body: (rig: CrashRig) => Promise<void>,
): Promise<void> {
  const seed = Number(process.env.E2E_SEED ?? Date.now() % 2 ** 31);
  console.log(`${name} seed: ${seed} (replay with E2E_SEED=${seed})`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), `ecomarket-${name}-`));
  const browser = await launchKillable(profile);
  const rig: CrashRig = { browser, page: await openPos(browser), random: seededRandom(seed), profile };
  try {
    await new PosPage(rig.page, browser.context).pair(await serverDb.pairingCode(), deviceName);
    await body(rig);
  } finally {
    await rig.browser.kill();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

export interface CrashRounds {
  /** Logged with the rounds. */
  name: string;
  rounds: number;
  /** What is charged, for the failure messages: 'a sale', 'the cart'… */
  ticket: string;
  cart: string;
  /** Rings the cart again; called when there is none (first round, or the last one was saved). */
  ring(page: Page, first: boolean): Promise<void>;
  /** Checks the cart is ready to charge. */
  ready(page: Page): Promise<void>;
  statedOutcome(page: Page): Promise<Outcome>;
}

/**
 * `rounds` charges, the browser killed at a random moment of each; after each restart the screen
 * states the outcome. Returns the receipts stated saved (each once). "Paid" shown before the kill
 * must never come back as a cart not charged.
 */
export async function killChargesAtRandom(rig: CrashRig, c: CrashRounds): Promise<string[]> {
  const saved: string[] = [];
  const log: string[] = [];
  let outcome: Outcome | null = null;
  for (let round = 0; round < c.rounds; round++) {
    if (outcome === null || 'saved' in outcome) await c.ring(rig.page, outcome === null);
    await c.ready(rig.page);

    // The kill lands anywhere from before the tap is handled to after "paid" shows (the click
    // itself takes Playwright some milliseconds to deliver).
    const delayMs = Math.floor(rig.random() * 80);
    const tapped = rig.page
      .getByRole('button', { name: /Cobrar en efectivo/ })
      .click()
      .catch(() => undefined);
    await new Promise((r) => setTimeout(r, delayMs));
    const paidShown = await rig.page
      .getByText('✓ Pagado')
      .isVisible()
      .catch(() => false);
    await rig.browser.kill();
    await tapped;

    rig.browser = await launchKillable(rig.profile);
    rig.page = await openPos(rig.browser);
    outcome = await c.statedOutcome(rig.page);
    if ('saved' in outcome) {
      expect(saved, `${c.ticket} stated saved once, never again`).not.toContain(outcome.saved);
      saved.push(outcome.saved);
    } else {
      // "Paid" on screen means durable: a restart can never bring that cart back uncharged.
      expect(paidShown, `paid was shown, yet ${c.cart} came back uncharged`).toBe(false);
    }
    log.push(`${delayMs} ms: ${'saved' in outcome ? `saved ${outcome.saved}` : 'cart restored'}`);
  }
  console.log(`${c.name} rounds: ${log.join('; ')}`);
  return saved;
}
