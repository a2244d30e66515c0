import { expect, test } from './fixtures';

test('issue 13 item 3: sales the central office refuses are named by receipt and reason (with the right plural), and a refused receipt cannot be refunded as a normal sale', async ({
  pos,
  page,
  serverDb,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await pos.openPaired(serverDb, 'Caja rechazos');
  // The branch changes currency at the centre: this tablet's USD tickets no longer fit it.
  const setCurrency = (currency: string) =>
    serverDb.db.updateTable('branches').set({ currency }).where('id', '=', 'sucursal-001').execute();
  await setCurrency('EUR');
  try {
    const first = await pos.sellOne('Pan Integral');
    const refused = page.getByTestId('refused-sales');
    await expect(refused).toContainText('1 venta rechazada por la oficina central: avise al encargado.');
    await expect(refused.getByRole('listitem')).toHaveText([
      `Ticket ${first}: la oficina central no acepta sus datos (importes, moneda o número de ticket).`,
    ]);
    await page.screenshot({ path: 'test-results/screens/sell-refused-one-1024x768.png' });

    const second = await pos.sellOne('Manzanas Orgánicas');
    await expect(refused).toContainText('2 ventas rechazadas por la oficina central: avise al encargado.');
    await expect(refused.getByRole('listitem')).toHaveText([
      `Ticket ${first}: la oficina central no acepta sus datos (importes, moneda o número de ticket).`,
      `Ticket ${second}: la oficina central no acepta sus datos (importes, moneda o número de ticket).`,
    ]);

    await pos.openRefunds();
    await pos.findReceipt(first);
    await expect(page.getByRole('alert').filter({ hasText: `El ticket ${first}` })).toHaveText(
      `El ticket ${first} fue rechazado por la oficina central: la oficina central no acepta sus datos (importes, moneda o número de ticket). No se puede devolver como una venta normal: avise al encargado.`,
    );
    await expect(page.getByRole('button', { name: /Devolver/ })).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screens/sell-refused-refund-1024x768.png' });
  } finally {
    await setCurrency('USD');
  }
});
