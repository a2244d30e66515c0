import { expect, test } from './fixtures';
import { DevicePosPage } from './pos-page';

test('S7: a sale pushed while offline is kept by the service worker and delivered with no tab open once the network is back', async ({
  page,
  context,
  serverDb,
}) => {
  test.setTimeout(180_000);
  const { pos, device } = await DevicePosPage.paired(page, context, serverDb, 'Caja sin pestaña');
  await context.setOffline(true);
  const receipt = await pos.sellOne('Pan Integral');
  // The outbox tried at once; the service worker answered 202 and kept the request in IndexedDB.
  await expect
    .poll(
      async () =>
        page.evaluate(async () => {
          const dbs = await indexedDB.databases();
          return dbs.some((d) => d.name === 'workbox-background-sync');
        }),
      { timeout: 15_000 },
    )
    .toBe(true);
  await page.close();
  expect(context.pages()).toHaveLength(0);
  expect(await serverDb.salesOfDevice(device.id)).toHaveLength(0);

  await context.setOffline(false);
  await expect
    .poll(async () => (await serverDb.salesOfDevice(device.id)).map((s) => s.receipt_number), {
      timeout: 90_000,
      intervals: [1000],
    })
    .toEqual([receipt]);
});
