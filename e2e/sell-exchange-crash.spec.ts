import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { baseURL } from './e2e-env';
import { expect, test } from './fixtures';
import { launchKillable, type KillableBrowser } from './killable-browser';

const ROUNDS = 8;

/** mulberry32, as in sell-crash.spec.ts: replay a failing run with E2E_SEED. */
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

/** One unit of bread back from `receipt`, a bag of apples taken instead: USD 0.70 to pay. */
async function ringExchange(page: Page, receipt: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Secciones' })
    .getByRole('button', { name: /^Devoluciones/ })
    .click();
  await page.getByRole('textbox', { name: 'Número de ticket' }).fill(receipt);
  await page.getByRole('button', { name: 'Buscar ticket' }).click();
  await page.getByRole('spinbutton', { name: 'Unidades a devolver de Pan Integral' }).fill('1');
  await page.getByRole('button', { name: 'Cambiar por otros productos' }).click();
  await page.getByRole('button', { name: 'Añadir Manzanas Orgánicas al carrito' }).click();
}

type Outcome = { saved: string } | { restored: true };

/** What the screen states at start: the exchange it saved, or the cart with its exchange, not charged. */
async function statedOutcome(page: Page): Promise<Outcome> {
  const saved = page.getByTestId('recovered-sale');
  const restored = page.getByTestId('restored-cart');
  await expect(saved.or(restored)).toBeVisible();
  if (await saved.isVisible()) {
    const stated = /^Cambio (\S+) guardado — lo devuelto USD\s1\.80, lo llevado USD\s2\.50$/;
    const text = (await saved.textContent()) ?? '';
    expect(text).toMatch(stated);
    await expect(page.getByTestId('receipt-difference')).toHaveText('USD 0.70');
    return { saved: stated.exec(text)![1]! };
  }
  await expect(page.getByTestId('exchange-returned')).toHaveText('USD 1.80');
  await expect(page.getByTestId('exchange-difference')).toHaveText('USD 0.70');
  return { restored: true };
}

test('issue 13 item 5, invariant 1: the browser killed at random moments of an exchange; each restart states the exchange saved (both tickets) or the cart with its exchange, never half; the server gets exactly the exchanges stated saved', async ({
  serverDb,
}) => {
  test.setTimeout(600_000);
  const seed = Number(process.env.E2E_SEED ?? Date.now() % 2 ** 31);
  console.log(`sell-exchange-crash seed: ${seed} (replay with E2E_SEED=${seed})`);
  const random = seededRandom(seed);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ecomarket-exchange-crash-'));
  let browser = await launchKillable(profile);
  try {
    let page = await openPos(browser);
    await page.getByLabel('Código de vinculación').fill(await serverDb.pairingCode());
    await page.getByLabel('Nombre de esta tableta').fill('Caja choque cambios');
    await page.getByRole('button', { name: 'Vincular' }).click();
    await expect(page.getByRole('button', { name: 'Añadir Pan Integral al carrito' })).toBeVisible();
    const device = await serverDb.deviceNamed('Caja choque cambios');
    await page.getByRole('button', { name: 'Añadir Pan Integral al carrito' }).click();
    await page.getByRole('textbox', { name: 'Cantidad de Pan Integral' }).fill(String(ROUNDS));
    await page.getByRole('textbox', { name: 'Cantidad de Pan Integral' }).press('Enter');
    await page.getByRole('button', { name: /Cobrar en efectivo/ }).click();
    await expect(page.getByText('✓ Pagado')).toBeVisible();
    const original = (await page.getByTestId('receipt-number').textContent()) ?? '';

    const saved: string[] = [];
    const log: string[] = [];
    let outcome: Outcome | null = null;
    for (let round = 0; round < ROUNDS; round++) {
      if (outcome === null || 'saved' in outcome) await ringExchange(page, original);
      await expect(page.getByTestId('exchange-difference')).toHaveText('USD 0.70');

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
        expect(saved, 'an exchange stated saved once, never again').not.toContain(outcome.saved);
        saved.push(outcome.saved);
      } else {
        expect(paidShown, 'paid was shown, yet the exchange came back uncharged').toBe(false);
      }
      log.push(`${delayMs} ms: ${'saved' in outcome ? `saved ${outcome.saved}` : 'cart restored'}`);
    }
    console.log(`sell-exchange-crash rounds: ${log.join('; ')}`);

    await expect(page.getByTestId('pending')).toHaveText('Todo enviado', { timeout: 60_000 });
    const tickets = await serverDb.salesOfDevice(device.id);
    const exchangeSales = tickets.filter((t) => t.kind === 'sale' && t.receipt_number !== original);
    const refunds = tickets.filter((t) => t.kind === 'refund');
    // Exactly the exchanges stated saved, each with its refund: never a half.
    expect(exchangeSales.map((s) => s.receipt_number)).toEqual(saved);
    expect(refunds).toHaveLength(saved.length);
    for (const s of exchangeSales) {
      const body = JSON.parse(s.body) as { exchangeWith: string; totalCents: number };
      const refund = refunds.find((r) => r.id === body.exchangeWith);
      expect(refund, `the refund of exchange ${s.receipt_number}`).toBeDefined();
      expect((JSON.parse(refund!.body) as { exchangeWith: string }).exchangeWith).toBe(s.id);
      expect([body.totalCents, Number(refund!.total_cents)]).toEqual([250, 180]);
    }
  } finally {
    await browser.kill();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
