import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { baseURL, chromiumArgs, chromiumPath } from './e2e-env';
import { expect, test } from './fixtures';
import { PosPage } from './pos-page';

test('a sale rung up on another tablet of the branch is found by receipt number and refunded here, offline; the server links the refund to it', async ({
  pos,
  page,
  serverDb,
}) => {
  await pos.open();
  await pos.pair(await serverDb.pairingCode(), 'Caja A');
  await pos.addButton('Manzanas Orgánicas').click();
  await pos.setQuantity('Manzanas Orgánicas', 2);
  await page.getByRole('button', { name: /Cobrar en efectivo/ }).click();
  const receipt = await pos.expectPaid();
  await expect(pos.pending()).toHaveText('Todo enviado', { timeout: 30_000 });

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ecomarket-profile-b-'));
  const contextB = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: chromiumArgs,
    baseURL,
    viewport: { width: 1280, height: 800 },
  });
  try {
    const b = new PosPage(contextB.pages()[0] ?? (await contextB.newPage()), contextB);
    await b.open();
    await b.pair(await serverDb.pairingCode(), 'Caja B');
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
    await contextB.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
