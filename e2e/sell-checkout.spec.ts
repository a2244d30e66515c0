import { expect, test } from './fixtures';
import { setTaxRate } from './sell-setup';

test('cart with a percent discount and two tax rates survives a reload; cash with change; split card + cash; the server gets each ticket whole', async ({
  pos,
  page,
  serverDb,
}) => {
  await setTaxRate(serverDb, 'ECO-0003', 1600);
  await setTaxRate(serverDb, 'ECO-0002', 800);
  await pos.openPaired(serverDb, 'Caja cobro');
  const device = await serverDb.deviceNamed('Caja cobro');

  await pos.addButton('Leche Deslactosada').click();
  await pos.setQuantity('Leche Deslactosada', 3);
  await pos.addButton('Pan Integral').click();
  await expect(pos.cartTotal()).toHaveText('USD 11.40');

  // A discount needs a reason.
  await page.getByRole('button', { name: 'Descuento de Leche Deslactosada' }).click();
  const editor = page.getByRole('group', { name: 'Descuento de Leche Deslactosada' });
  await editor.getByRole('textbox', { name: 'Valor del descuento' }).fill('10');
  await editor.getByRole('button', { name: 'Aplicar descuento' }).click();
  await expect(editor.getByRole('alert')).toHaveText('Escriba el motivo del descuento.');
  await editor.getByRole('button', { name: 'Cancelar' }).click();

  // 10 % of 9.60 = 0.96 → 8.64; tax 16 % in 8.64 = 1.19, 8 % in 1.80 = 0.13 (half up per rate group).
  await pos.discount('Leche Deslactosada', 'Porcentaje', '10', 'Cliente frecuente');
  await expect(pos.cartTotal()).toHaveText('USD 10.44');
  await expect(page.getByTestId('cart-discounts')).toHaveText('−USD 0.96');
  await expect(page.getByTestId('tax-1600')).toContainText('IVA 16 % incluido');
  await expect(page.getByTestId('tax-1600')).toContainText('USD 1.19');
  await expect(page.getByTestId('tax-800')).toContainText('USD 0.13');

  // The draft cart survives a reload.
  await page.reload();
  await expect(pos.cartTotal()).toHaveText('USD 10.44');

  // Cash: 20 handed over, 9.56 change.
  await pos.openPayment();
  await expect(page.getByTestId('amount-due')).toHaveText('USD 10.44');
  await expect(page.getByRole('button', { name: 'Recibir USD 20.00' })).toBeVisible();
  await pos.payCash('20');
  const first = await pos.expectPaid();
  await expect(page.getByTestId('change-due')).toHaveText('USD 9.56');
  await expect(page.getByTestId('receipt')).toContainText('Descuento (Cliente frecuente) −USD 0.96');
  await expect(page.getByTestId('receipt-change')).toHaveText('USD 9.56');
  // After a restart the screen says what became of the last charge.
  await page.reload();
  await expect(page.getByTestId('recovered-sale')).toHaveText(`Venta ${first} guardada — USD 10.44, efectivo`);
  await pos.newSale();
  await expect(page.getByText('Toque un producto o escanee un código para añadirlo.')).toBeVisible();

  // Split: 5.00 on card, the rest in cash with a 10 note.
  await pos.addButton('Café Premium').click();
  await expect(page.getByRole('note').filter({ hasText: 'Café Premium' })).toContainText(
    'Café Premium quedará con existencias negativas (-1)',
  );
  await pos.openPayment();
  await pos.payCard('5');
  await expect(page.getByTestId('amount-due')).toHaveText('USD 3.90');
  await expect(page.getByText('✓ Pagado')).toHaveCount(0);
  await pos.payCash('10');
  const second = await pos.expectPaid();
  await expect(page.getByTestId('change-due')).toHaveText('USD 6.10');

  // "Todo enviado" can show for a moment before the ticket just paid is in the sales list: wait for the server.
  await expect
    .poll(async () => (await serverDb.salesOfDevice(device.id)).map((s) => s.receipt_number), { timeout: 30_000 })
    .toEqual([first, second]);
  await expect(pos.pending()).toHaveText('Todo enviado', { timeout: 30_000 });
  const sales = await serverDb.salesOfDevice(device.id);
  const [cash, split] = sales.map(
    (s) =>
      JSON.parse(s.body) as {
        totalCents: number;
        lines: { discountCents: number; discountReason: string | null; taxRateBp: number }[];
        payments: unknown[];
      },
  );
  expect(cash!.totalCents).toBe(1044);
  expect(cash!.lines.map((l) => [l.taxRateBp, l.discountCents, l.discountReason])).toEqual([
    [1600, 96, 'Cliente frecuente'],
    [800, 0, null],
  ]);
  expect(cash!.payments).toEqual([{ method: 'cash', amountCents: 1044, tenderedCents: 2000 }]);
  expect(split!.payments).toEqual([
    { method: 'card', amountCents: 500, tenderedCents: null },
    { method: 'cash', amountCents: 390, tenderedCents: 1000 },
  ]);
});

test('receipt print layouts for 58 mm and 80 mm paper, the width remembered on the device', async ({
  pos,
  page,
  serverDb,
}) => {
  await pos.openPaired(serverDb, 'Caja ticket');
  await pos.addButton('Manzanas Orgánicas').click();
  await pos.addButton('Pan Integral').click();
  await pos.discount('Pan Integral', 'Importe', '0,30', 'Pan del día anterior');
  await page.getByRole('button', { name: /Cobrar en efectivo/ }).click();
  const receipt = await pos.expectPaid();

  for (const width of [58, 80] as const) {
    await page.getByRole('radio', { name: `${width} mm` }).check();
    await page.emulateMedia({ media: 'print' });
    const box = await page.getByTestId('receipt').boundingBox();
    // 1 mm = 96/25.4 px.
    expect(Math.round(box!.width)).toBe(Math.round((width * 96) / 25.4));
    await expect(page.getByRole('button', { name: 'Nueva venta' })).not.toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`receipt-${width}.png`), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  }
  const printed = page.getByTestId('receipt');
  await expect(printed).toContainText('Sucursal 001');
  await expect(printed).toContainText(receipt);
  await expect(printed).toContainText('Descuento (Pan del día anterior) −USD 0.30');
  await expect(page.getByRole('img', { name: receipt })).toBeVisible();
  // The receipt number's Code 128 bars are drawn (JsBarcode cut to that symbology: client/build/jsbarcode-code128-only.ts).
  await expect.poll(() => page.getByRole('img', { name: receipt }).locator('rect').count()).toBeGreaterThan(20);
  await page.reload();
  await pos.addButton('Pan Integral').click();
  await page.getByRole('button', { name: /Cobrar en efectivo/ }).click();
  await pos.expectPaid();
  await expect(page.getByRole('radio', { name: '80 mm' })).toBeChecked();
});
