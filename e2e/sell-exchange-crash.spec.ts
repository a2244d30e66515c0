import type { Page } from '@playwright/test';
import { killChargesAtRandom, withCrashRig, type Outcome } from './crash-rounds';
import { expect, test } from './fixtures';

const ROUNDS = 8;

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
  await withCrashRig('sell-exchange-crash', serverDb, 'Caja choque cambios', async (rig) => {
    const device = await serverDb.deviceNamed('Caja choque cambios');
    let page = rig.page;
    await page.getByRole('button', { name: 'Añadir Pan Integral al carrito' }).click();
    await page.getByRole('textbox', { name: 'Cantidad de Pan Integral' }).fill(String(ROUNDS));
    await page.getByRole('textbox', { name: 'Cantidad de Pan Integral' }).press('Enter');
    await page.getByRole('button', { name: /Cobrar en efectivo/ }).click();
    await expect(page.getByText('✓ Pagado')).toBeVisible();
    const original = (await page.getByTestId('receipt-number').textContent()) ?? '';

    const saved = await killChargesAtRandom(rig, {
      name: 'sell-exchange-crash',
      rounds: ROUNDS,
      ticket: 'an exchange',
      cart: 'the exchange',
      ring: (p) => ringExchange(p, original),
      ready: (p) => expect(p.getByTestId('exchange-difference')).toHaveText('USD 0.70'),
      statedOutcome,
    });
    page = rig.page;

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
  });
});
