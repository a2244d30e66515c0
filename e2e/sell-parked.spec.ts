import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { baseURL } from './e2e-env';
import { expect, test } from './fixtures';
import { launchKillable } from './killable-browser';
import { PosPage } from './pos-page';

for (const [width, height] of [
  [1024, 768],
  [800, 1280],
] as const) {
  test(`issue 13 grocery item 4 at ${width}×${height}: park a cart by name, serve the next customer, the parked cart survives a browser kill, resume and charge it`, async ({
    serverDb,
  }) => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ecomarket-parked-'));
    let browser = await launchKillable(profile);
    const open = async () => {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.setViewportSize({ width, height });
      await page.goto(`${baseURL}/pos`);
      return new PosPage(page, browser.context);
    };
    try {
      let pos = await open();
      await pos.pair(await serverDb.pairingCode(), `Caja aparcar ${width}`);
      const device = await serverDb.deviceNamed(`Caja aparcar ${width}`);
      await pos.addButton('Pan Integral').click();
      await pos.addButton('Pan Integral').click();
      await expect(pos.cartTotal()).toHaveText('USD 3.60');
      await pos.page.getByRole('button', { name: 'Aparcar carrito' }).click();
      await pos.page.getByLabel('Nombre del carrito aparcado').fill('Señora Ruiz');
      await pos.page.getByRole('button', { name: 'Aparcar', exact: true }).click();
      const parked = pos.page.getByRole('region', { name: 'Carritos aparcados' });
      await expect(parked.getByRole('heading')).toHaveText('1 carrito aparcado');
      await expect(parked.getByRole('listitem')).toHaveText([/Señora Ruiz · 2 artículos, USD\s3\.60/]);
      await expect(pos.page.getByText('Toque un producto o escanee un código para añadirlo.')).toBeVisible();

      // The next customer, while the first one fetches something.
      const next = await pos.sellOne('Leche Deslactosada');
      await expect(parked.getByRole('listitem')).toHaveCount(1);
      await pos.page.screenshot({ path: `test-results/screens/sell-parked-${width}x${height}.png` });

      // The browser dies: the parked cart is still there, the current cart empty.
      await browser.kill();
      browser = await launchKillable(profile);
      pos = await open();
      const again = pos.page.getByRole('region', { name: 'Carritos aparcados' });
      await expect(again.getByRole('listitem')).toHaveText([/Señora Ruiz · 2 artículos, USD\s3\.60/]);

      // While a cart is being rung up, a parked one waits.
      await expect(pos.page.getByText('Toque un producto o escanee un código para añadirlo.')).toBeVisible();
      await pos.addButton('Manzanas Orgánicas').click();
      await expect(pos.page.getByRole('button', { name: 'Retomar Señora Ruiz' })).toBeDisabled();
      await pos.page.getByRole('button', { name: 'Quitar Manzanas Orgánicas' }).click();
      await pos.page.getByRole('button', { name: 'Retomar Señora Ruiz' }).click();
      await expect(pos.cartTotal()).toHaveText('USD 3.60');
      await expect(again).toBeHidden();
      await pos.page.getByRole('button', { name: /Cobrar en efectivo/ }).click();
      const resumed = await pos.expectPaid();

      await expect(pos.pending()).toHaveText('Todo enviado', { timeout: 30_000 });
      const sales = await serverDb.salesOfDevice(device.id);
      expect(sales.map((s) => s.receipt_number)).toEqual([next, resumed]);
      expect((JSON.parse(sales[1]!.body) as { totalCents: number }).totalCents).toBe(360);
    } finally {
      await browser.kill();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });
}
