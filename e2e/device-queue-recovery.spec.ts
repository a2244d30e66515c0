import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, launchTablet, test } from './fixtures';
import { DevicePosPage } from './pos-page';

test("a broken tablet's unsent queue, exported and imported on another tablet of the branch, reaches the server once with its own ids (invariant 2)", async ({
  page,
  context,
  serverDb,
}) => {
  test.setTimeout(180_000);
  const { pos: broken, device: brokenDevice } = await DevicePosPage.paired(page, context, serverDb, 'Caja rota');
  await context.setOffline(true);
  const receipts = [await broken.sellOne('Pan Integral'), await broken.sellOne('Manzanas Orgánicas')];
  await broken.goTo('Dispositivo');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Exportar lo no enviado' }).click(),
  ]);
  await expect(page.getByRole('status').filter({ hasText: 'Exportados 2 documentos' })).toBeVisible();
  const exported = path.join(os.tmpdir(), `queue-${Date.now()}.json`);
  await download.saveAs(exported);
  const other = path.join(os.tmpdir(), `queue-other-${Date.now()}.json`);
  const file = JSON.parse(fs.readFileSync(exported, 'utf8')) as { branchId: string; branchName: string };
  fs.writeFileSync(other, JSON.stringify({ ...file, branchId: 'sucursal-999', branchName: 'Sucursal Norte' }));

  // The spare tablet: its own profile, paired to the same branch.
  const spareTablet = await launchTablet('ecomarket-spare-');
  try {
    const sparePage = spareTablet.page;
    const spare = new DevicePosPage(sparePage, spareTablet.context);
    await spare.openPaired(serverDb, 'Caja repuesto');
    const spareDevice = await serverDb.deviceNamed('Caja repuesto');
    await spare.goTo('Dispositivo');
    const input = sparePage.getByLabel('Importar cola de otra tableta');
    await input.setInputFiles(other);
    await expect(sparePage.getByRole('alert')).toHaveText(
      'El archivo es de otra sucursal (Sucursal Norte). Solo se puede importar en una tableta de la misma sucursal.',
    );
    await input.setInputFiles(exported);
    await expect(sparePage.getByRole('status').filter({ hasText: 'Importados 2 documentos' })).toBeVisible();
    await spare.shoot('queue-imported');
    await expect(spare.pending()).toHaveText('Todo enviado', { timeout: 30_000 });

    const sales = await serverDb.salesOfDevice(brokenDevice.id);
    expect(sales.map((s) => s.receipt_number)).toEqual(receipts);
    expect(await serverDb.salesOfDevice(spareDevice.id)).toHaveLength(0);

    // The broken tablet comes back after all: its own sends are acknowledged, never applied twice.
    await context.setOffline(false);
    await expect(broken.pending()).toHaveText('Todo enviado', { timeout: 60_000 });
    expect(await serverDb.salesOfDevice(brokenDevice.id)).toHaveLength(2);
    expect(await serverDb.saleMovements(brokenDevice.id)).toBe(2);
  } finally {
    await spareTablet.close();
  }
});
