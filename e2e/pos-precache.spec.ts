import { expect, test } from './fixtures';

/** Every URL the POS service worker precached (workbox keeps them in its precache cache). */
async function precachedPaths(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      if (!name.includes('precache')) continue;
      for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
    }
    return urls;
  });
}

/** The scripts and styles a page's HTML names. */
async function assetsOfPage(page: import('@playwright/test').Page, path: string): Promise<string[]> {
  const html = await (await page.request.get(path)).text();
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
}

test('the tablet precaches the POS and none of the console; offline after a reload it still sells, and its tickets and refunds open (invariant 9)', async ({
  pos,
  page,
  context,
  serverDb,
}) => {
  await pos.openPaired(serverDb, 'Caja precache');
  await pos.waitForOfflineReady();
  await expect.poll(async () => (await precachedPaths(page)).length).toBeGreaterThan(5);
  const cached = await precachedPaths(page);

  const posAssets = await assetsOfPage(page, '/pos/');
  const consoleOnly = (await assetsOfPage(page, '/console/')).filter((a) => !posAssets.includes(a));
  expect(consoleOnly.length, 'the console page names assets of its own').toBeGreaterThan(0);
  expect(cached.filter((u) => consoleOnly.includes(u) || u.startsWith('/console'))).toEqual([]);
  // The console's pages are lazy chunks named after their files (home-page, stock-page, …).
  expect(cached.filter((u) => /^\/assets\/[a-z]+(-[a-z]+)*-page-/.test(u))).toEqual([]);
  for (const asset of posAssets) expect(cached).toContain(asset);
  // The POS's own lazy parts: the ticket history, the receipt, the ticket journal's worker.
  for (const lazy of [/\/TicketHistory-/, /\/Receipt-/, /\/ticket-journal-worker-entry-/])
    expect(
      cached.some((u) => lazy.test(u)),
      `${lazy} precached`,
    ).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(pos.connection()).toHaveText('Sin conexión');
  const receipt = await pos.sellOne('Pan Integral');
  await pos.section('Tickets');
  const history = page.getByRole('region', { name: 'Tickets de hoy' });
  await expect(history.getByRole('button', { name: `Abrir ticket ${receipt}` })).toBeVisible();
  await pos.openRefunds();
  await pos.findReceipt(receipt);
  await expect(page.getByText('quedan 1 de 1')).toBeVisible();
  for (const [width, height] of [
    [1024, 768],
    [800, 1280],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `test-results/screens/precache-offline-refund-${width}x${height}.png` });
  }
  await context.setOffline(false);
});
