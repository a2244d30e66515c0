import type { Page } from '@playwright/test';
import { killChargesAtRandom, withCrashRig, type Outcome } from './crash-rounds';
import { expect, test } from './fixtures';

const ROUNDS = 20;

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
  await withCrashRig('sell-crash', serverDb, 'Caja choque', async (rig) => {
    const device = await serverDb.deviceNamed('Caja choque');
    const saved = await killChargesAtRandom(rig, {
      name: 'sell-crash',
      rounds: ROUNDS,
      ticket: 'a sale',
      cart: 'the cart',
      ring: async (page, first) => {
        if (!first) await page.getByRole('button', { name: 'Nueva venta' }).click();
        await page.getByRole('button', { name: 'Añadir Pan Integral al carrito' }).click();
        await page.getByRole('button', { name: 'Añadir Manzanas Orgánicas al carrito' }).click();
      },
      ready: (page) => expect(page.getByTestId('cart-total')).toHaveText('USD 4.30'),
      statedOutcome,
    });
    const page = rig.page;

    await expect(page.getByTestId('pending')).toHaveText('Todo enviado', { timeout: 60_000 });
    const sales = await serverDb.salesOfDevice(device.id);
    expect(sales.map((s) => s.receipt_number)).toEqual(saved);
    for (const s of sales) {
      const doc = JSON.parse(s.body) as { totalCents: number; lines: { name: string; quantity: number }[] };
      expect(doc.lines.map((l) => `${l.quantity} ${l.name}`)).toEqual(['1 Pan Integral', '1 Manzanas Orgánicas']);
      expect(doc.totalCents).toBe(430);
    }
  });
});
