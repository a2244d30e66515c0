import { LINK_STALE_MS } from '../server/reports/device-links';
import { reportDb } from '../server/reports/report-db';
import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { ConsolePage } from './console-pages/console-page';

test('stock chart: a tablet that went offline and came back shows as a shaded period beside the stock line', async ({
  browser,
  pos,
  context,
  serverDb,
}) => {
  // The outage has to outlast LINK_STALE_MS (90 s) to be one.
  test.setTimeout(300_000);
  const admin = await createAccount(serverDb, 'admin', 'Olga Gráfica');
  await pos.openPaired(serverDb, 'Caja gráfica');
  const device = await serverDb.deviceNamed('Caja gráfica');
  await pos.waitForOfflineReady();
  const links = () =>
    reportDb(serverDb.db).selectFrom('device_links').selectAll().where('device_id', '=', device.id).execute();
  await expect.poll(async () => (await links()).some((l) => l.ended_at === null), { timeout: 30_000 }).toBe(true);

  // The tablet loses the network and sells meanwhile. Its socket may stay open (as a tablet that
  // leaves the Wi-Fi leaves it): the server goes by the status reports that stop arriving, so the
  // outage must outlast LINK_STALE_MS to count.
  await context.setOffline(true);
  await pos.sellOne('Pan Integral');
  const lastHeard = Math.max(...(await links()).map((l) => Date.parse(l.alive_at)));
  await pos.page.waitForTimeout(Math.max(0, lastHeard + LINK_STALE_MS + 5_000 - Date.now()));
  await context.setOffline(false);
  await expect.poll(() => serverDb.salesOfDevice(device.id).then((s) => s.length), { timeout: 60_000 }).toBe(1);
  await expect.poll(async () => (await links()).length, { timeout: 30_000 }).toBeGreaterThan(1);

  const product = await serverDb.db
    .selectFrom('products')
    .select('id')
    .where('sku', '=', 'ECO-0002')
    .executeTakeFirstOrThrow();
  const {
    context: consoleContext,
    page,
    consolePage,
  } = await ConsolePage.inNewWindow(browser, admin, `/stock/ledger?locationId=sucursal-001&productId=${product.id}`);
  const section = page.getByRole('region', { name: 'Existencias en el tiempo' });
  await expect(section).toBeVisible();
  await section.getByLabel('Periodo', { exact: true }).selectOption({ label: 'Última hora' });
  await expect(
    section.getByRole('img', { name: 'Existencias de Pan Integral en Sucursal 001: última hora' }),
  ).toBeVisible();
  // The chart's key names the shading; the table says the same for the keyboard and screen readers.
  await expect(section.getByText('Tableta sin conexión')).toBeVisible();
  const offline = section.getByRole('table', { name: 'Periodos sin conexión' });
  const row = offline.getByRole('row', { name: /Caja gráfica/ });
  await expect(row).toBeVisible();
  await expect(row).not.toContainText('sigue sin conexión');
  // The summary reads the ledger: the sale took one unit, the level now is the branch's stock.
  const stock = await serverDb.branchStock('ECO-0002');
  await expect(section.getByText(new RegExp(`${stock} al final`))).toBeVisible();
  // The shading is drawn: some pixels of the plot carry the offline colour.
  const shaded = await section.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! > data[i + 2]! + 20 && data[i + 3]! > 0) n++;
    return n;
  });
  expect(shaded).toBeGreaterThan(0);
  await consolePage.expectAccessible();
  await consolePage.screenshot('stock-chart-offline');
  await consoleContext.close();
});
