import { expect, launchTablet, test } from './fixtures';
import { PosPage } from './pos-page';

test('a sale rung up on another tablet of the branch is found by receipt number and refunded here, offline; the server links the refund to it', async ({
  pos,
  page,
  serverDb,
}) => {
  await pos.openPaired(serverDb, 'Caja A');
  await pos.addButton('Manzanas Orgánicas').click();
  await pos.setQuantity('Manzanas Orgánicas', 2);
  await page.getByRole('button', { name: /Cobrar en efectivo/ }).click();
  const receipt = await pos.expectPaid();
  await expect(pos.pending()).toHaveText('Todo enviado', { timeout: 30_000 });

  const tabletB = await launchTablet('ecomarket-profile-b-');
  const contextB = tabletB.context;
  try {
    const b = new PosPage(tabletB.page, contextB);
    await b.openPaired(serverDb, 'Caja B');
    const deviceB = await serverDb.deviceNamed('Caja B');
    await b.waitForOfflineReady();
    await b.openRefunds();
    // The branch's recent sales reach this tablet by pull; then it needs no network.
    await expect(async () => {
      await b.findReceipt(receipt);
      await expect(b.page.getByText('quedan 2 de 2')).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await contextB.setOffline(true);
    await b.page.getByRole('button', { name: 'Devolver todo Manzanas Orgánicas' }).click();
    await b.page.getByRole('button', { name: 'Devolver USD 5.00' }).click();
    await expect(b.page.getByText('✓ Devolución guardada')).toBeVisible();
    await contextB.setOffline(false);
    await expect(b.pending()).toHaveText('Todo enviado', { timeout: 30_000 });
    const [refund] = await serverDb.salesOfDevice(deviceB.id);
    const deviceA = await serverDb.deviceNamed('Caja A');
    const [sale] = await serverDb.salesOfDevice(deviceA.id);
    expect(refund).toMatchObject({ kind: 'refund', refund_of: sale!.id });
    expect(Number(refund!.total_cents)).toBe(500);
  } finally {
    await tabletB.close();
  }
});
