import { expect, test } from './fixtures';
import { DevicePosPage } from './pos-page';

test('50 sales offline, reload, reconnect: exactly 50 on the server and the right stock (invariants 1, 2, 3, 4, 9)', async ({
  page,
  context,
  serverDb,
}) => {
  test.setTimeout(300_000);
  const { pos, device } = await DevicePosPage.paired(page, context, serverDb, 'Caja cincuenta');
  const manzanas = await serverDb.branchStock('ECO-0001');
  const pan = await serverDb.branchStock('ECO-0002');

  await context.setOffline(true);
  await page.reload();
  await expect(pos.connection()).toHaveText('Sin conexión');

  const receipts: string[] = [];
  for (let i = 0; i < 50; i++) {
    receipts.push(await pos.sellOne(i % 2 === 0 ? 'Manzanas Orgánicas' : 'Pan Integral'));
    // A reload in the middle: nothing sold before it may be lost or sold twice.
    if (i === 24) {
      await page.reload();
      await expect(pos.pending()).toContainText('Por enviar: 25');
    }
  }
  expect(new Set(receipts).size).toBe(50);
  await expect(pos.pending()).toContainText('Por enviar: 50');
  await expect(pos.stockOf('ECO-0001')).toHaveText(`Existencias: ${manzanas - 25}`);
  await expect(pos.stockOf('ECO-0002')).toHaveText(`Existencias: ${pan - 25}`);

  await page.reload();
  await expect(pos.pending()).toContainText('Por enviar: 50');
  expect(await serverDb.salesOfDevice(device.id)).toHaveLength(0);
  await pos.shoot('sync-50-pending');

  await context.setOffline(false);
  await expect(pos.pending()).toHaveText('Todo enviado', { timeout: 60_000 });
  const sales = await serverDb.salesOfDevice(device.id);
  expect(sales).toHaveLength(50);
  expect(sales.map((s) => s.receipt_number).sort()).toEqual([...receipts].sort());
  expect(await serverDb.saleMovements(device.id)).toBe(50);
  expect(await serverDb.branchStock('ECO-0001')).toBe(manzanas - 25);
  expect(await serverDb.branchStock('ECO-0002')).toBe(pan - 25);
  await expect(pos.stockOf('ECO-0001')).toHaveText(`Existencias: ${manzanas - 25}`);
  await expect(pos.stockOf('ECO-0002')).toHaveText(`Existencias: ${pan - 25}`);
  await page.reload();
  await expect(pos.pending()).toHaveText('Todo enviado');
  expect(await serverDb.salesOfDevice(device.id)).toHaveLength(50);
});
