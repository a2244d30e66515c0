import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PosPage } from './pos-page';

/** The vertical gap between the first two rows of the product grid, in CSS pixels. */
async function rowGap(page: Page): Promise<number> {
  const tops = await page
    .getByRole('button', { name: /^Añadir .* al carrito$/ })
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom })));
  const firstTop = Math.min(...tops.map((r) => r.top));
  const firstRow = tops.filter((r) => r.top === firstTop);
  const below = tops.filter((r) => r.top > firstTop);
  return Math.min(...below.map((r) => r.top)) - Math.max(...firstRow.map((r) => r.bottom));
}

for (const [width, height] of [
  [1024, 768],
  [800, 1280],
] as const) {
  test(`issue 13 item 4 at ${width}×${height}: the selling screen a cashier sees — Spanish only, one navigation, tight grid, editors and outcomes in view, no developer words`, async ({
    pos,
    page,
    serverDb,
    context,
  }) => {
    const shot = (name: string) =>
      page.screenshot({ path: `test-results/screens/shape-${name}-${width}x${height}.png` });
    // The browser refuses persistent storage: the cashier must be told where they sell.
    await context.addInitScript(() => {
      Object.defineProperty(navigator.storage, 'persisted', { value: () => Promise.resolve(false) });
      Object.defineProperty(navigator.storage, 'persist', { value: () => Promise.resolve(false) });
    });
    await page.setViewportSize({ width, height });
    await pos.open();
    await expect(page.getByText(/npm run|ecomarket --/)).toHaveCount(0);
    await page.getByLabel('Código de vinculación').fill('ZZZZ-9999');
    await page.getByRole('button', { name: 'Vincular' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'El código de vinculación no es válido, ya se usó o caducó. Pida a su encargado un código nuevo y vuelva a intentarlo.',
    );
    await shot('pair-refused');
    await pos.pair(await serverDb.pairingCode(), `Caja forma ${width}`);

    // One navigation, "Vender" once; no developer words; the storage warning where the cashier sells.
    await expect(page.getByRole('navigation')).toHaveCount(2); // the sections and the product categories
    await expect(page.getByRole('tablist')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Vender', exact: true })).toHaveCount(1);
    await expect(page.getByText(/Circuito|circuit|breaker/i)).toHaveCount(0);
    await expect(page.getByTestId('connection')).toHaveText('En línea');
    await expect(page.getByTestId('storage-warning')).toContainText('podría borrar las ventas aún no enviadas');
    expect(await rowGap(page)).toBeLessThanOrEqual(16);
    await shot('sell');

    // The discount editor opens in view.
    await pos.addButton('Pan Integral').click();
    await pos.addButton('Leche Deslactosada').click();
    await pos.addButton('Manzanas Orgánicas').click();
    await page.getByRole('button', { name: 'Descuento de Manzanas Orgánicas' }).click();
    await expect(page.getByRole('group', { name: 'Descuento de Manzanas Orgánicas' })).toBeInViewport({ ratio: 1 });
    await shot('discount');
    await page.getByRole('button', { name: 'Cancelar' }).click();

    // Quick-cash buttons all inside the screen.
    await pos.openPayment();
    const quick = page.getByRole('button', { name: /^Recibir USD/ });
    await expect(quick.first()).toBeVisible();
    for (const box of await quick.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right)))
      expect(box).toBeLessThanOrEqual(width);
    await shot('payment');
    await quick.first().click();
    await expect(page.getByText('✓ Pagado')).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Imprimir ticket', exact: true })).toBeVisible();
    await shot('paid');

    // The chip does not flicker after the network comes back.
    await context.setOffline(true);
    await expect(page.getByTestId('connection')).toHaveText('Sin conexión');
    await page.evaluate(() => {
      const chip = document.querySelector('[data-testid=connection]')!;
      const seen: string[] = [];
      (window as unknown as { chipSeen: string[] }).chipSeen = seen;
      new MutationObserver(() => seen.push(chip.textContent ?? '')).observe(chip, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await context.setOffline(false);
    await expect(page.getByTestId('connection')).toHaveText('En línea', { timeout: 20_000 });
    await page.waitForTimeout(3000);
    const seen = await page.evaluate(() => (window as unknown as { chipSeen: string[] }).chipSeen);
    expect(seen.slice(seen.indexOf('En línea'))).not.toContain('Sin conexión');

    // The shift says "open" once; the device page has no developer words either.
    const device = new PosPage(page, context);
    await device.section('Turno');
    await page.getByLabel('Fondo de caja inicial').fill('100');
    await page.getByRole('button', { name: 'Abrir turno' }).click();
    await expect(page.getByTestId('shift-open')).toBeVisible();
    await expect(page.getByText('Turno abierto')).toHaveCount(1);
    await shot('shift');
    await device.section('Dispositivo');
    await expect(page.getByText(/circuit|breaker|Pestaña que sincroniza/i)).toHaveCount(0);
    await shot('device');
  });
}
