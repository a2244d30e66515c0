import { expect, test } from './fixtures';
import { DevicePosPage } from './pos-page';

test('two tabs of one tablet: one replicates, both show the same pending count, and no sale reaches the server twice (invariant 2, SPEC S1)', async ({
  page,
  context,
  serverDb,
}) => {
  test.setTimeout(180_000);
  const { pos: a, device } = await DevicePosPage.paired(page, context, serverDb, 'Caja dos pestañas');
  const pageB = await context.newPage();
  const b = new DevicePosPage(pageB, context);
  await b.open();
  await expect(pageB.getByRole('button', { name: /Añadir Pan Integral/ })).toBeVisible();

  await context.setOffline(true);
  await expect(a.connection()).toHaveText('Sin conexión');
  const receipts = [
    await a.sellOne('Pan Integral'),
    await b.sellOne('Manzanas Orgánicas'),
    await a.sellOne('Pan Integral'),
    await b.sellOne('Pan Integral'),
  ];
  expect(new Set(receipts).size).toBe(4);
  await expect(a.pending()).toContainText('Por enviar: 4');
  await expect(b.pending()).toContainText('Por enviar: 4');
  await a.goTo('Dispositivo');
  await b.goTo('Dispositivo');
  const leaders = [await page.getByTestId('leader').textContent(), await pageB.getByTestId('leader').textContent()];
  expect(leaders.sort()).toEqual(['esta', 'otra pestaña']);
  await a.goTo('Vender');
  await b.goTo('Vender');

  await context.setOffline(false);
  await expect(a.pending()).toHaveText('Todo enviado', { timeout: 60_000 });
  await expect(b.pending()).toHaveText('Todo enviado', { timeout: 60_000 });
  const sales = await serverDb.salesOfDevice(device.id);
  expect(sales.map((s) => s.receipt_number).sort()).toEqual([...receipts].sort());
  expect(await serverDb.saleMovements(device.id)).toBe(4);

  // The leader tab closes while offline with sales queued: the other tab takes over and delivers.
  await context.setOffline(true);
  const more = [await a.sellOne('Pan Integral'), await b.sellOne('Pan Integral')];
  await page.close();
  await context.setOffline(false);
  await expect(b.pending()).toHaveText('Todo enviado', { timeout: 60_000 });
  const after = await serverDb.salesOfDevice(device.id);
  expect(after.map((s) => s.receipt_number).sort()).toEqual([...receipts, ...more].sort());
});
