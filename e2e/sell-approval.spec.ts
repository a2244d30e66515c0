import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { createCashier } from '../server/catalogue/cashiers-admin';
import { patchBranchSettings } from '../server/catalogue/branches-admin';
import type { SaleDoc } from '../shared/protocol';
import { removeCashiers } from './device-server-setup';
import { test as base } from './fixtures';
import { DevicePosPage } from './pos-page';
import type { ServerDb } from './server-db';

const BRANCH = 'sucursal-001';
const SHOTS = process.env.SHOTS_DIR ?? 'test-results/screens';

async function shoot(page: Page, name: string): Promise<void> {
  for (const [w, h] of [
    [1024, 768],
    [800, 1280],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${SHOTS}/${name}-${w}x${h}.png` });
  }
  await page.setViewportSize({ width: 1024, height: 768 });
}

async function storedSale(serverDb: ServerDb, receipt: string): Promise<SaleDoc> {
  let row: { body: string } | undefined;
  await expect
    .poll(async () => {
      row = await serverDb.db
        .selectFrom('sales')
        .select('body')
        .where('receipt_number', '=', receipt)
        .executeTakeFirst();
      return row !== undefined;
    })
    .toBe(true);
  return JSON.parse(row!.body) as SaleDoc;
}

/** A cashier and a supervisor of the branch (the supervisor approves; nobody approves their own action). */
async function addCashierAndSupervisor(serverDb: ServerDb): Promise<string[]> {
  return [
    (await createCashier(serverDb.db, BRANCH, { name: 'Carla Caja', pin: '2468', role: 'cashier' })).cashier.id,
    (await createCashier(serverDb.db, BRANCH, { name: 'Sara Encargada', pin: '7391', role: 'supervisor' })).cashier.id,
  ];
}

/** Every test here has a cashier and a supervisor on the server (their ids in `staff`), removed when it ends. */
const test = base.extend<{ staff: string[] }>({
  staff: [
    async ({ serverDb }, use) => {
      const ids = await addCashierAndSupervisor(serverDb);
      await use(ids);
      await removeCashiers(serverDb, ids);
    },
    { auto: true },
  ],
});
test.describe.configure({ timeout: 180_000 });

/** A tablet paired as `name`, ready for offline use, with the cashier signed in. */
async function signedInTablet(page: Page, context: BrowserContext, serverDb: ServerDb, name: string) {
  await page.setViewportSize({ width: 1024, height: 768 });
  const { pos } = await DevicePosPage.paired(page, context, serverDb, name);
  await pos.signIn('Carla Caja', '2468');
  await expect(pos.lockScreen()).toBeHidden();
  return pos;
}

/** The supervisor's approval dialog the POS opens over what needs her PIN. */
function approvalDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Autorización del encargado' });
}

/** The supervisor types `pin` in the approval dialog and approves. */
async function approveWithPin(dialog: Locator, pin = '7391'): Promise<void> {
  await dialog.getByLabel('PIN de Sara Encargada').fill(pin);
  await dialog.getByRole('button', { name: 'Autorizar' }).click();
}

/** Opens the refund desk without a receipt and picks `product`, found by `search`, from the catalogue. */
async function refundWithoutReceipt(pos: DevicePosPage, search: string, product: string): Promise<Locator> {
  await pos.openRefunds();
  await pos.page.getByRole('button', { name: 'Devolución sin ticket' }).click();
  const desk = pos.page.getByRole('region', { name: 'Devolución sin ticket' });
  await desk.getByRole('textbox', { name: 'Buscar producto para devolver' }).fill(search);
  await desk.getByRole('button', { name: `Devolver ${product}` }).click();
  return desk;
}

/** The receipt number of the refund the desk has just saved. */
async function savedRefundReceipt(page: Page): Promise<string> {
  const done = page.getByRole('status').filter({ hasText: 'Devolución guardada' });
  await expect(done).toBeVisible();
  return ((await done.textContent()) ?? '').split('·')[1]!.trim();
}

test('a whole-ticket discount above the branch limit is approved offline by a supervisor’s PIN, and the centre gets the approval', async ({
  page,
  context,
  serverDb,
  staff: ids,
}) => {
  await patchBranchSettings(serverDb.db, BRANCH, { maxDiscountBp: 1000 });
  try {
    const pos = await signedInTablet(page, context, serverDb, 'Caja autorización');

    await context.setOffline(true);
    await pos.addButton('Pan Integral').click();
    await pos.addButton('Manzanas Orgánicas').click();
    await page.getByRole('button', { name: 'Descuento al ticket' }).click();
    const editor = page.getByRole('group', { name: 'Descuento al ticket' });
    await editor.getByRole('radio', { name: 'Porcentaje' }).check();
    await editor.getByRole('textbox', { name: 'Valor del descuento' }).fill('25');
    await editor.getByRole('textbox', { name: 'Motivo del descuento' }).fill('Cliente frecuente');
    await editor.getByRole('button', { name: 'Aplicar descuento' }).click();
    // 1.80 + 2.50 = 4.30; 25 % is 1.08 (rounded half up), spread over the two lines.
    await expect(page.getByTestId('ticket-discount')).toHaveText('Descuento al ticket (Cliente frecuente): −USD 1.08');
    await expect(page.getByTestId('cart-total')).toHaveText('USD 3.22');

    // Cancelled: nothing is charged, and the cashier is told why.
    await page.getByRole('button', { name: /Cobrar en efectivo/ }).click();
    const dialog = approvalDialog(page);
    await expect(dialog).toContainText('Descuento por encima del límite');
    await expect(dialog).toContainText('Descuentos de USD 1.08 (25.1 %) en un ticket de USD 4.30');
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await expect(page.getByRole('alert')).toContainText('Sin la autorización del encargado no se cobra el ticket');
    await expect(page.getByText('✓ Pagado')).toBeHidden();

    // The cashier cannot approve their own discount: only the supervisor is offered, with her PIN.
    await page.getByRole('button', { name: /Cobrar en efectivo/ }).click();
    await expect(dialog.getByRole('textbox', { name: 'Motivo' })).toHaveValue('Cliente frecuente');
    await expect(dialog.getByText('PIN de Sara Encargada')).toBeVisible();
    await expect(dialog.getByText('Carla Caja')).toHaveCount(0);
    await shoot(page, 'approval-dialog');
    await approveWithPin(dialog, '2468');
    await expect(dialog.getByRole('alert')).toContainText('PIN incorrecto');
    await approveWithPin(dialog);
    await expect(dialog).toBeHidden();
    const receipt = await pos.expectPaid();
    await shoot(page, 'approval-paid');

    await context.setOffline(false);
    const sale = await storedSale(serverDb, receipt);
    expect(sale.ticketDiscount).toEqual({
      kind: 'percent',
      basisPoints: 2500,
      cents: 108,
      reason: 'Cliente frecuente',
    });
    expect(sale.totalCents).toBe(322);
    expect(sale.lines.reduce((s, l) => s + (l.ticketDiscountCents ?? 0), 0)).toBe(108);
    expect(sale.approvals).toEqual([
      expect.objectContaining({
        kind: 'discount',
        approverId: ids[1],
        approverName: 'Sara Encargada',
        reason: 'Cliente frecuente',
      }),
    ]);
  } finally {
    await patchBranchSettings(serverDb.db, BRANCH, { maxDiscountBp: 10000 });
  }
});

test('a refund without a receipt is picked from the catalogue, approved by a supervisor’s PIN offline, and reaches the centre with its reason', async ({
  page,
  context,
  serverDb,
  staff: ids,
}) => {
  const pos = await signedInTablet(page, context, serverDb, 'Caja sin ticket');
  await context.setOffline(true);

  const desk = await refundWithoutReceipt(pos, 'leche', 'Leche Deslactosada');
  await desk.getByRole('textbox', { name: 'Unidades de Leche Deslactosada' }).fill('2');
  await desk.getByRole('textbox', { name: 'Unidades de Leche Deslactosada' }).press('Enter');
  // No reason, no refund.
  await desk.getByRole('button', { name: 'Devolver USD 6.40' }).click();
  await expect(desk.getByRole('alert')).toHaveText('Escriba el motivo de la devolución.');
  await desk.getByRole('textbox', { name: 'Motivo de la devolución' }).fill('Caducada');
  await desk.getByRole('button', { name: 'Devolver USD 6.40' }).click();
  const dialog = approvalDialog(page);
  await expect(dialog).toContainText('Devolución sin ticket');
  await expect(dialog).toContainText('1 producto por USD 6.40: 2 × Leche Deslactosada.');
  await shoot(page, 'refund-no-receipt-approval');
  await approveWithPin(dialog);
  const receipt = await savedRefundReceipt(page);
  await shoot(page, 'refund-no-receipt-done');

  await context.setOffline(false);
  const refund = await storedSale(serverDb, receipt);
  expect(refund).toMatchObject({ kind: 'refund', refundOf: null, totalCents: 640 });
  expect(refund.approvals).toEqual([
    expect.objectContaining({ kind: 'refund_without_receipt', approverId: ids[1], reason: 'Caducada' }),
  ]);
});

test('issue 13: a weighed product is refunded without a receipt by its weight, typed with a decimal comma or point', async ({
  page,
  context,
  serverDb,
}) => {
  const sku = 'NARANJA-KG-REFUND';
  await serverDb.weighedProduct({ sku, name: 'Naranja a granel', priceCents: 320 });
  const pos = await signedInTablet(page, context, serverDb, 'Caja peso sin ticket');
  const desk = await refundWithoutReceipt(pos, 'naranja a granel', 'Naranja a granel');
  const weight = desk.getByRole('textbox', { name: 'Peso de Naranja a granel en kg' });
  await expect(weight).toHaveValue('1.000');
  // More decimals than the product has: refused with the selling screen's reason, nothing changed.
  await weight.fill('0,7505');
  await weight.press('Enter');
  await expect(desk.getByRole('alert')).toContainText('3 decimales como máximo');
  await expect(desk.getByRole('button', { name: 'Devolver USD 3.20' })).toBeVisible();
  await weight.fill('0,75');
  await weight.press('Enter');
  await expect(weight).toHaveValue('0.750');
  await expect(desk.getByRole('button', { name: 'Devolver USD 2.40' })).toBeVisible();
  await weight.fill('1.25');
  await weight.press('Enter');
  await desk.getByRole('textbox', { name: 'Motivo de la devolución' }).fill('Golpeada');
  await desk.getByRole('button', { name: 'Devolver USD 4.00' }).click();
  const dialog = approvalDialog(page);
  await expect(dialog).toContainText('1 producto por USD 4.00: 1.250 kg × Naranja a granel.');
  await approveWithPin(dialog);
  const receipt = await savedRefundReceipt(page);
  const refund = await storedSale(serverDb, receipt);
  expect(refund).toMatchObject({ kind: 'refund', refundOf: null, totalCents: 400 });
  expect(refund.lines[0]).toMatchObject({ quantity: 1250, unit: 'kg', quantityDecimals: 3 });
});

test('a price changed on a line is approved by a supervisor’s PIN offline and reaches the centre with the catalogue price it replaced', async ({
  page,
  context,
  serverDb,
  staff: ids,
}) => {
  const pos = await signedInTablet(page, context, serverDb, 'Caja precio');
  await context.setOffline(true);
  await pos.addButton('Pan Integral').click();
  await page.getByRole('button', { name: 'Cambiar precio de Pan Integral' }).click();
  const editor = page.getByRole('group', { name: 'Cambiar precio de Pan Integral' });
  await editor.getByRole('textbox', { name: 'Precio nuevo de Pan Integral' }).fill('abc');
  await editor.getByRole('button', { name: 'Aplicar precio' }).click();
  await expect(editor.getByRole('alert')).toHaveText('Escriba un precio como 12,50 (0 o más).');
  await editor.getByRole('textbox', { name: 'Precio nuevo de Pan Integral' }).fill('1,50');
  await editor.getByRole('button', { name: 'Aplicar precio' }).click();
  await expect(page.getByTestId('cart-total')).toHaveText('USD 1.50');

  await page.getByRole('button', { name: /Cobrar en efectivo/ }).click();
  const dialog = approvalDialog(page);
  await expect(dialog).toContainText('Cambio de precio');
  await expect(dialog).toContainText('Precio cambiado en 1 línea: Pan Integral USD 1.80 → USD 1.50.');
  await dialog.getByRole('textbox', { name: 'Motivo' }).fill('Pan de ayer');
  await shoot(page, 'price-override-approval');
  await approveWithPin(dialog);
  const receipt = await pos.expectPaid();

  await context.setOffline(false);
  const sale = await storedSale(serverDb, receipt);
  expect(sale.lines[0]).toMatchObject({ unitPriceCents: 150, overriddenFromCents: 180, lineTotalCents: 150 });
  expect(sale.approvals).toEqual([
    expect.objectContaining({ kind: 'price_override', approverId: ids[1], reason: 'Pan de ayer' }),
  ]);
});
