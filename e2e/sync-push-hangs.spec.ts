import type { Route } from '@playwright/test';
import { baseURL } from './e2e-env';
import { expect, test } from './fixtures';
import { DevicePosPage } from './pos-page';

/**
 * A push whose answer never comes back (the server committed it, then the connection died
 * half-open) used to hold the outbox's drain for good: every later sale stayed "to send" until a
 * reload. The push is now given up after its timeout (60 s; the page's clock is moved on instead
 * of waiting) and the next drain delivers. page.route does not see requests a service worker
 * handles, so this tablet has none: its pushes go straight to the network.
 */
test('S2: a push never answered is given up, the outbox goes on, and each sale reaches the server once, with no reload', async ({
  browser,
  serverDb,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({
    baseURL,
    serviceWorkers: 'block',
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    // Fake timers that run on their own until the test moves them on.
    await page.clock.install();
    const pos = new DevicePosPage(page, context);
    await pos.openPaired(serverDb, 'Caja sin respuesta');
    const device = await serverDb.deviceNamed('Caja sin respuesta');
    await expect(pos.pending()).toHaveText('Todo enviado');

    // The first push reaches the server, which commits it; its answer never comes back.
    let pushes = 0;
    const hung: Route[] = [];
    await page.route('**/api/sync/v1/sales/*/push', async (route) => {
      pushes += 1;
      if (pushes > 1) return route.continue();
      hung.push(route);
      await route.fetch();
    });
    const first = await pos.sellOne('Pan Integral');
    await expect.poll(async () => (await serverDb.salesOfDevice(device.id)).length, { timeout: 15_000 }).toBe(1);

    // The next sale waits behind the hung push: the drain it belongs to has not ended.
    const second = await pos.sellOne('Pan Integral');
    await expect(pos.pending()).toContainText('Por enviar: 1');
    expect(pushes).toBe(1);

    // The push timeout passes: the drain gives the push up and the sale waiting behind it goes.
    await page.clock.fastForward(61_000);
    await expect(pos.pending()).toHaveText('Todo enviado', { timeout: 30_000 });
    const sales = await serverDb.salesOfDevice(device.id);
    expect(sales.map((s) => s.receipt_number)).toEqual([first, second]);
    expect(hung).toHaveLength(1);

    // What the cashier saw stays in the POS's words: online, nothing to send, no technical error.
    const status = page.getByRole('region', { name: 'Estado de sincronización' });
    await expect(pos.connection()).toHaveText('En línea');
    await expect(status).not.toContainText(/timeout|abort|error|no answer|server/i);
    // With service workers blocked, workbox-window's registration fails (reading 'waiting'): expected here.
    expect(errors.filter((e) => !/reading 'waiting'/.test(e))).toEqual([]);
  } finally {
    await context.close();
  }
});
