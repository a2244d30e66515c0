import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { baseURL } from './e2e-env';
import { expect, test } from './fixtures';
import { launchKillable, type KillableBrowser } from './killable-browser';

const ROUNDS = 20;

/** mulberry32: a small seeded source, so a failing run can be replayed with E2E_SEED. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function openPos(browser: KillableBrowser): Promise<Page> {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(`${baseURL}/pos`);
  return page;
}

type Outcome = { saved: string } | { restored: true };

/** What the screen states at start about the last charge: the sale it saved, or the cart, not charged. */
async function statedOutcome(page: Page): Promise<Outcome> {
  const saved = page.getByTestId('recovered-sale');
  const restored = page.getByTestId('restored-cart');
  await expect(saved.or(restored)).toBeVisible();
  if (await saved.isVisible()) {
    const text = (await saved.textContent()) ?? '';
    // The amount is formatted with a no-break space after the currency.
    const stated = /^Venta (\S+) guardada — USD\s4\.30, efectivo$/;
    expect(text).toMatch(stated);
    const m = stated.exec(text);
    expect(page.getByRole('button', { name: `Reimprimir ticket ${m![1]}` })).toBeVisible();
    return { saved: m![1]! };
  }
  await expect(page.getByTestId('cart-total')).toHaveText('USD 4.30');
  await expect(page.getByRole('button', { name: /Cobrar en efectivo/ })).toBeEnabled();
  return { restored: true };
}

test('issue 13 item 1, invariant 1: the browser process killed at random moments of a charge; each restart states the outcome, and the server gets exactly the sales stated saved', async ({
  serverDb,
}) => {
  test.setTimeout(600_000);
  const seed = Number(process.env.E2E_SEED ?? Date.now() % 2 ** 31);
  console.log(`sell-crash seed: ${seed} (replay with E2E_SEED=${seed})`);
  const random = seededRandom(seed);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ecomarket-crash-'));
  let browser = await launchKillable(profile);
  try {
    let page = await openPos(browser);
    await page.getByLabel('Código de vinculación').fill(await serverDb.pairingCode());
    await page.getByLabel('Nombre de esta tableta').fill('Caja choque');
    await page.getByRole('button', { name: 'Vincular' }).click();
    await expect(page.getByRole('button', { name: 'Añadir Pan Integral al carrito' })).toBeVisible();
    const device = await serverDb.deviceNamed('Caja choque');

    const saved: string[] = [];
    const log: string[] = [];
    let outcome: Outcome | null = null;
    for (let round = 0; round < ROUNDS; round++) {
      if (outcome === null || 'saved' in outcome) {
        if (outcome) await page.getByRole('button', { name: 'Nueva venta' }).click();
        await page.getByRole('button', { name: 'Añadir Pan Integral al carrito' }).click();
        await page.getByRole('button', { name: 'Añadir Manzanas Orgánicas al carrito' }).click();
      }
      await expect(page.getByTestId('cart-total')).toHaveText('USD 4.30');

      // The kill lands anywhere from before the tap is handled to after "paid" shows (the click
      // itself takes Playwright some milliseconds to deliver).
      const delayMs = Math.floor(random() * 80);
      const tapped = page
        .getByRole('button', { name: /Cobrar en efectivo/ })
        .click()
        .catch(() => undefined);
      await new Promise((r) => setTimeout(r, delayMs));
      const paidShown = await page
        .getByText('✓ Pagado')
        .isVisible()
        .catch(() => false);
      await browser.kill();
      await tapped;

      browser = await launchKillable(profile);
      page = await openPos(browser);
      outcome = await statedOutcome(page);
      if ('saved' in outcome) {
        expect(saved, 'a sale stated saved once, never again').not.toContain(outcome.saved);
        saved.push(outcome.saved);
      } else {
        // "Paid" on screen means durable: a restart can never bring that cart back uncharged.
        expect(paidShown, 'paid was shown, yet the cart came back uncharged').toBe(false);
      }
      log.push(`${delayMs} ms: ${'saved' in outcome ? `saved ${outcome.saved}` : 'cart restored'}`);
    }
    console.log(`sell-crash rounds: ${log.join('; ')}`);

    await expect(page.getByTestId('pending')).toHaveText('Todo enviado', { timeout: 60_000 });
    const sales = await serverDb.salesOfDevice(device.id);
    expect(sales.map((s) => s.receipt_number)).toEqual(saved);
    for (const s of sales) {
      const doc = JSON.parse(s.body) as { totalCents: number; lines: { name: string; quantity: number }[] };
      expect(doc.lines.map((l) => `${l.quantity} ${l.name}`)).toEqual(['1 Pan Integral', '1 Manzanas Orgánicas']);
      expect(doc.totalCents).toBe(430);
    }
  } finally {
    await browser.kill();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
