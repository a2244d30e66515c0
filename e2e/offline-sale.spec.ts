import { expect, test } from './fixtures';

test('pair → network off → reload → sell 3 → network on: the server has each sale exactly once (invariants 1, 2, 3, 9)', async ({
  pos,
  page,
  context,
  serverDb,
}) => {
  await pos.openPaired(serverDb, 'Caja offline');
  const device = await serverDb.deviceNamed('Caja offline');
  const before = await serverDb.branchStock('ECO-0002');
  await expect(pos.stockOf('ECO-0002')).toHaveText(`Existencias: ${before}`);
  await pos.waitForOfflineReady();

  await context.setOffline(true);
  await page.reload();
  await expect(pos.connection()).toHaveText('Sin conexión');
  await expect(pos.stockOf('ECO-0002')).toHaveText(`Existencias: ${before}`);

  const receipts = [
    await pos.sellOne('Pan Integral'),
    await pos.sellOne('Pan Integral'),
    await pos.sellOne('Pan Integral'),
  ];
  expect(new Set(receipts).size).toBe(3);
  expect(receipts[0]).toMatch(/^001-\d{2}-000001$/);
  // Stock drops at once on the device, and the sales wait for the network.
  await expect(pos.stockOf('ECO-0002')).toHaveText(`Existencias: ${before - 3}`);
  await expect(pos.pending()).toContainText('Por enviar: 3');
  expect(await serverDb.salesOfDevice(device.id)).toHaveLength(0);

  await context.setOffline(false);
  await expect(pos.pending()).toHaveText('Todo enviado', { timeout: 30_000 });
  await expect(pos.connection()).toHaveText('En línea');

  const sales = await serverDb.salesOfDevice(device.id);
  expect(sales.map((s) => s.receipt_number)).toEqual(receipts);
  expect(await serverDb.saleMovements(device.id)).toBe(3);
  expect(await serverDb.branchStock('ECO-0002')).toBe(before - 3);
  // The device shows the server's level now, not the level minus its sales once more.
  await expect(pos.stockOf('ECO-0002')).toHaveText(`Existencias: ${before - 3}`);

  await page.reload();
  await expect(pos.stockOf('ECO-0002')).toHaveText(`Existencias: ${before - 3}`);
  await expect(pos.pending()).toHaveText('Todo enviado');
  expect(await serverDb.salesOfDevice(device.id)).toHaveLength(3);
});

test('the POS is installable: Chromium reports no installability errors', async ({ pos, page, context }) => {
  await pos.open();
  await pos.waitForOfflineReady();
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);
  const manifest = await (await page.request.get('/manifest.webmanifest')).json();
  expect(manifest).toMatchObject({ start_url: '/pos', display: 'standalone', short_name: 'EcoMarket' });
  expect(manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes}/${i.purpose}`)).toEqual([
    '192x192/any',
    '512x512/any',
    '512x512/maskable',
  ]);
});
