import { expect, test } from './fixtures';

for (const [width, height] of [
  [1024, 768],
  [800, 1280],
] as const) {
  test(`issue 13 grocery item 2 at ${width}×${height}: today's tickets, found by number, amount and product; one opens to reprint or to start its refund`, async ({
    pos,
    page,
    serverDb,
  }) => {
    await page.setViewportSize({ width, height });
    await pos.openPaired(serverDb, `Caja historial ${width}`);
    const pan = await pos.sellOne('Pan Integral');
    await pos.addButton('Leche Deslactosada').click();
    await pos.addButton('Manzanas Orgánicas').click();
    await page.getByRole('button', { name: /Cobrar en efectivo/ }).click();
    const mixed = await pos.expectPaid();
    await pos.newSale();

    await pos.section('Tickets');
    const history = page.getByRole('region', { name: 'Tickets de hoy' });
    const search = history.getByRole('searchbox', { name: 'Buscar en los tickets de hoy' });
    // This till's tickets (their numbers carry its prefix), newest first; the branch's other tills' too.
    const till = pan.slice(0, 7);
    await search.fill(till);
    await expect(page.getByTestId('history-count')).toHaveText('2 tickets');
    const opened = await history
      .getByRole('button', { name: /^Abrir ticket/ })
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(opened).toEqual([`Abrir ticket ${mixed}`, `Abrir ticket ${pan}`]);
    await page.screenshot({ path: `test-results/screens/ticket-history-${width}x${height}.png` });

    await search.fill(`${till} leche`);
    await expect(page.getByTestId('history-count')).toHaveText('1 ticket');
    await expect(history.getByRole('button', { name: `Abrir ticket ${mixed}` })).toBeVisible();
    await search.fill(`${till} 1,80`);
    await expect(history.getByRole('button', { name: `Abrir ticket ${pan}` })).toBeVisible();
    await expect(page.getByTestId('history-count')).toHaveText('1 ticket');
    await search.fill(pan.slice(-6));
    await expect(history.getByRole('button', { name: `Abrir ticket ${pan}` })).toBeVisible();
    await search.fill('quinoa');
    await expect(history.getByText('Ningún ticket de hoy coincide con «quinoa».')).toBeVisible();

    // Open one: reprint it, or start its refund.
    await search.fill('');
    await history.getByRole('button', { name: `Abrir ticket ${mixed}` }).click();
    await expect(page.getByTestId('printed-receipt-number')).toHaveText(mixed);
    await expect(page.getByRole('button', { name: 'Imprimir ticket', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Devolver productos de este ticket' }).click();
    await expect(page.getByRole('textbox', { name: 'Número de ticket' })).toHaveValue(mixed);
    await expect(page.getByText(/Venta del .*USD\s5\.70$/)).toBeVisible();
    await page.screenshot({ path: `test-results/screens/ticket-history-refund-${width}x${height}.png` });
  });
}
