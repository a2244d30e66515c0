import fs from 'node:fs';
import Papa from 'papaparse';
import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { ConsolePage } from './console-pages/console-page';

test('sales explorer: a bar drills down to its tickets and a receipt, and the CSV adds up to the screen', async ({
  browser,
  pos,
  serverDb,
}) => {
  const admin = await createAccount(serverDb, 'admin', 'Sara Ventas');
  await pos.openPaired(serverDb, 'Caja ventas');
  const device = await serverDb.deviceNamed('Caja ventas');
  const receipts = [await pos.sellOne('Pan Integral'), await pos.sellOne('Manzanas Orgánicas')];
  await expect.poll(() => serverDb.salesOfDevice(device.id).then((s) => s.length), { timeout: 30_000 }).toBe(2);

  const { context, page, consolePage } = await ConsolePage.inNewWindow(browser, admin, '/sales', {
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
  });
  await expect(page.getByRole('heading', { name: 'Ventas', level: 1 })).toBeVisible();
  await page.getByLabel('Agrupar por').selectOption('product');

  // The chart's bar for Pan Integral leads to its ticket, and the ticket to its receipt and movement.
  const chart = page.getByRole('figure', { name: 'Total por Producto' });
  await chart.getByRole('button', { name: /^Ver los tickets de Pan Integral/ }).click();
  const tickets = page
    .getByRole('region', { name: 'Tickets de Pan Integral' })
    .or(page.locator('section', { has: page.getByRole('heading', { name: 'Tickets de Pan Integral' }) }));
  await expect(tickets.getByRole('button', { name: `Abrir el ticket ${receipts[0]}` })).toBeVisible();
  await expect(tickets.getByRole('button', { name: `Abrir el ticket ${receipts[1]}` })).toBeHidden();
  await tickets.getByRole('button', { name: `Abrir el ticket ${receipts[0]}` }).click();
  await expect(page.getByRole('heading', { name: `Venta ${receipts[0]}` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Líneas' })).toContainText('Pan Integral');
  await expect(page.getByText('Pan Integral: -1 (Venta)')).toBeVisible();
  await consolePage.expectAccessible();
  await consolePage.screenshot('reports-sales-drilldown');

  // The CSV of the view: its rows add up to the grand total on screen, and its total row says the same.
  const screenTotal = await page.getByRole('row', { name: 'Total general' }).getByRole('cell').nth(4).textContent();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exportar CSV' }).click();
  const csv = fs.readFileSync(await (await download).path(), 'utf8');
  const rows = Papa.parse<string[]>(csv.trim()).data;
  expect(rows[0]).toContain('Total');
  const totalColumn = rows[0]!.indexOf('Total');
  // By product, quantities are in each product's unit with its decimals, and the header says so.
  const quantityColumn = rows[0]!.indexOf('Cantidad (en la unidad del producto, con sus decimales)');
  const unitColumn = rows[0]!.indexOf('Unidad');
  expect(quantityColumn).toBeGreaterThan(0);
  const pan = rows.find((r) => r[0] === 'Pan Integral')!;
  expect(pan[unitColumn]).toBe('pieza');
  expect(pan[quantityColumn]).toMatch(/^-?\d+$/);
  for (const r of rows.slice(1, -1)) expect(['pieza', 'kg', 'g', 'l']).toContain(r[unitColumn]);
  const body = rows.slice(1, -1);
  const sum = body.reduce((s, r) => s + Math.round(Number(r[totalColumn]) * 100), 0);
  const footer = rows.at(-1)!;
  expect(footer[0]).toBe('Total general');
  expect(Math.round(Number(footer[totalColumn]) * 100)).toBe(sum);
  const screenCents = Number((screenTotal ?? '').replace(/[^\d,-]/g, '').replace(',', '.')) * 100;
  expect(Math.round(screenCents)).toBe(sum);
  await context.close();
});
