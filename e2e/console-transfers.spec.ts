import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { ConsolePage } from './console-pages/console-page';

test('transfers: send from the centre, confirm a short arrival (opens reconciliation), cancel another', async ({
  page,
  serverDb,
}) => {
  const admin = await createAccount(serverDb, 'admin', 'Tomás Traspasa');
  const consolePage = new ConsolePage(page);
  await consolePage.open('/transfers');
  await consolePage.signIn(admin);
  await expect(page.getByRole('heading', { name: 'Traspasos', level: 1 })).toBeVisible();
  const centralBefore = await serverDb.branchStock('ECO-0002', 'central');

  const note = `e2e ${Date.now().toString(36)}`;
  await page.getByRole('button', { name: 'Nuevo traspaso' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Desde').selectOption({ label: 'Almacén central' });
  await dialog.getByLabel('Hacia').selectOption({ label: 'Sucursal 001' });
  await dialog.getByRole('button', { name: 'Enviar traspaso' }).click();
  await expect(dialog.getByText('Añada al menos un producto')).toBeVisible();
  await dialog.getByLabel('Buscar producto para añadir').fill('Pan Int');
  await dialog.getByRole('button', { name: 'Añadir Pan Integral' }).click();
  await dialog.getByLabel('Unidades de Pan Integral').fill('4');
  await dialog.getByLabel('Nota').fill(note);
  await consolePage.expectAccessible();
  await consolePage.screenshot('transfer-new');
  await dialog.getByRole('button', { name: 'Enviar traspaso' }).click();
  await expect(page.getByText('Traspaso enviado: las existencias salieron de Almacén central.')).toBeVisible();
  expect(await serverDb.branchStock('ECO-0002', 'central')).toBe(centralBefore - 4);

  const row = page.getByRole('row').filter({ hasText: note });
  await expect(row).toContainText('En tránsito');
  await expect(row).toContainText('4 × Pan Integral');
  await consolePage.expectAccessible();
  await consolePage.screenshot('transfers');
  await row.getByRole('button', { name: 'Almacén central → Sucursal 001' }).click();
  await dialog.getByLabel('Llegaron de Pan Integral').fill('3');
  await dialog.getByRole('button', { name: 'Confirmar recepción' }).click();
  await expect(page.getByText('Recepción confirmada con diferencias')).toBeVisible();
  await expect(row).toContainText('Recibido');

  await page.getByRole('button', { name: 'Nuevo traspaso' }).click();
  await dialog.getByLabel('Buscar producto para añadir').fill('Leche');
  await dialog.getByRole('button', { name: 'Añadir Leche Deslactosada' }).click();
  await dialog.getByLabel('Nota').fill(`${note} b`);
  await dialog.getByRole('button', { name: 'Enviar traspaso' }).click();
  const second = page.getByRole('row').filter({ hasText: `${note} b` });
  await second.getByRole('button', { name: 'Almacén central → Sucursal 001' }).click();
  await dialog.getByLabel('Motivo de la cancelación').fill('Se envió por error');
  await dialog.getByRole('button', { name: 'Cancelar traspaso' }).click();
  await expect(second).toContainText('Cancelado');

  await page.getByLabel('Estado', { exact: true }).selectOption({ label: 'Cancelado' });
  await expect(page.getByRole('row').filter({ hasText: note })).toHaveCount(1);
});
