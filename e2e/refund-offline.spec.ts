import { expect, test } from './fixtures';

test('refund of a synced sale with the network off: scan the receipt, part then the rest; units back in stock at once; a third refund is refused; the server gets both', async ({
  pos,
  page,
  context,
  serverDb,
}) => {
  await pos.openPaired(serverDb, 'Caja devoluciones');
  const device = await serverDb.deviceNamed('Caja devoluciones');
  await pos.waitForOfflineReady();
  const before = await serverDb.branchStock('ECO-0002');

  await pos.addButton('Pan Integral').click();
  await pos.setQuantity('Pan Integral', 3);
  await pos.discount('Pan Integral', 'Porcentaje', '10', 'Promoción');
  await page.getByRole('button', { name: /Cobrar en efectivo/ }).click();
  const receipt = await pos.expectPaid();
  await pos.newSale();
  await expect(pos.pending()).toHaveText('Todo enviado', { timeout: 30_000 });
  await expect(pos.stockOf('ECO-0002')).toHaveText(`Existencias: ${before - 3}`);

  await context.setOffline(true);
  await page.reload();
  await expect(pos.connection()).toHaveText('Sin conexión');

  // Scanned from the printed receipt (wedge) at the refund desk.
  await pos.openRefunds();
  await page.locator('body').click({ position: { x: 5, y: 790 } });
  await pos.scanWithWedge(receipt);
  await expect(page.getByRole('textbox', { name: 'Número de ticket' })).toHaveValue(receipt);
  await expect(page.getByText('quedan 3 de 3')).toBeVisible();
  await page.getByRole('spinbutton', { name: 'Unidades a devolver de Pan Integral' }).fill('1');
  // 3 × 1.80 − 0.54 = 4.86 paid; one unit gives back 1.80 − 0.18.
  await page.getByRole('radio', { name: 'Tarjeta' }).check();
  await page.getByRole('button', { name: 'Devolver USD 1.62' }).click();
  await expect(page.getByText('✓ Devolución guardada')).toBeVisible();
  await expect(page.getByTestId('receipt')).toContainText('DEVOLUCIÓN');
  await expect(page.getByTestId('receipt-total')).toHaveText('USD 1.62');

  await page.getByRole('button', { name: 'Otra devolución' }).click();
  await pos.findReceipt(receipt);
  await expect(page.getByText('quedan 2 de 3')).toBeVisible();
  await expect(page.getByRole('note')).toContainText('Parte de este ticket ya se devolvió');
  await page.getByRole('button', { name: 'Devolver todo Pan Integral' }).click();
  await page.getByRole('button', { name: 'Devolver USD 3.24' }).click();
  await expect(page.getByText('✓ Devolución guardada')).toBeVisible();

  // Everything is back: a further refund of the same units is refused here.
  await page.getByRole('button', { name: 'Otra devolución' }).click();
  await pos.findReceipt(receipt);
  await expect(page.getByRole('alert')).toHaveText(
    'Este ticket ya se devolvió por completo en esta tableta. No se puede devolver otra vez.',
  );
  await expect(page.getByRole('button', { name: /^Devolver USD/ })).toHaveCount(0);
  await expect(page.getByRole('spinbutton', { name: 'Unidades a devolver de Pan Integral' })).toBeDisabled();

  // The units are in displayed stock at once, with no network.
  await pos.openSell();
  await expect(pos.stockOf('ECO-0002')).toHaveText(`Existencias: ${before}`);
  await expect(pos.pending()).toContainText('Por enviar: 2');

  await context.setOffline(false);
  await expect(pos.pending()).toHaveText('Todo enviado', { timeout: 30_000 });
  const tickets = await serverDb.salesOfDevice(device.id);
  const [sale, r1, r2] = tickets;
  expect(tickets.map((t) => t.kind)).toEqual(['sale', 'refund', 'refund']);
  expect([r1!.refund_of, r2!.refund_of]).toEqual([sale!.id, sale!.id]);
  expect(tickets.map((t) => Number(t.total_cents))).toEqual([486, 162, 324]);
  expect(await serverDb.branchStock('ECO-0002')).toBe(before);
});
