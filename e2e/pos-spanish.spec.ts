import type { Page } from '@playwright/test';
import { cashierMessages } from '../client/pos/cashier/cashier-messages';
import { deviceMessages } from '../client/pos/device/device-messages';
import { exchangeMessages } from '../client/pos/exchange/exchange-messages';
import { historyMessages } from '../client/pos/history/history-messages';
import { messages as appMessages } from '../client/pos/i18n';
import { inventoryMessages } from '../client/pos/inventory/inventory-messages';
import { receiptMessages } from '../client/pos/receipt/receipt-messages';
import { refundMessages } from '../client/pos/refund/refund-messages';
import { refusedMessages } from '../client/pos/refused/refused-messages';
import { sellMessages } from '../client/pos/sell/sell-messages';
import { shellMessages } from '../client/pos/session/shell-messages';
import { quickKeysMessages } from '../client/pos/sell/quick-keys-messages';
import { cashMessages } from '../client/pos/shift/cash-messages';
import { shiftMessages } from '../client/pos/shift/shift-messages';
import { expect, test } from './fixtures';

/** Literal stretches of every English message that differs from its Spanish one, long enough to be telling. */
const englishFragments = [
  appMessages,
  cashierMessages,
  deviceMessages,
  exchangeMessages,
  historyMessages,
  inventoryMessages,
  receiptMessages,
  refundMessages,
  refusedMessages,
  sellMessages,
  shellMessages,
  shiftMessages,
  cashMessages,
  quickKeysMessages,
].flatMap((table) =>
  Object.entries(table.en as Record<string, string>)
    .filter(([key, en]) => en !== (table.es as Record<string, string>)[key])
    .flatMap(([, en]) => en.replace(/\{\w+, plural,(?:\s*\w+ \{[^{}]*\})+\s*\}/g, '{}').split(/\{\w*\}/))
    .map((f) => f.trim())
    .filter((f) => f.length >= 12 && /[a-z]{4}/i.test(f)),
);

/** English words no Spanish screen of this app has. */
const ENGLISH_WORDS = /\b(the|and|of|this|was|were|with|please|error|failed|loading|cannot|could not)\b/i;

async function expectSpanish(page: Page, screen: string): Promise<void> {
  const text = await page.locator('body').innerText();
  const english = englishFragments.filter((f) => text.includes(f));
  expect(english, `English on the "${screen}" screen`).toEqual([]);
  const word = ENGLISH_WORDS.exec(text);
  expect(
    word?.[0] ?? null,
    `English word on the "${screen}" screen: …${word ? text.slice(Math.max(0, word.index - 40), word.index + 40) : ''}…`,
  ).toBeNull();
}

test('issue 13 item 8: every screen of the POS in Spanish has no English left in it', async ({
  pos,
  page,
  serverDb,
}) => {
  expect(englishFragments.length).toBeGreaterThan(100);
  await page.setViewportSize({ width: 1024, height: 768 });
  await pos.open();
  await expectSpanish(page, 'vincular');
  await page.getByLabel('Código de vinculación').fill('ZZZZ-0000');
  await page.getByRole('button', { name: 'Vincular' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectSpanish(page, 'vincular, código rechazado');
  await pos.pair(await serverDb.pairingCode(), 'Caja español');
  await expectSpanish(page, 'vender');

  await pos.addButton('Pan Integral').click();
  await pos.setQuantity('Pan Integral', 'abc');
  await expectSpanish(page, 'carrito con cantidad rechazada');
  await page.getByRole('button', { name: 'Descuento de Pan Integral' }).click();
  await expectSpanish(page, 'descuento');
  await page.getByRole('button', { name: 'Cancelar' }).click();
  await page.getByRole('button', { name: 'Aparcar carrito' }).click();
  await expectSpanish(page, 'aparcar');
  await page.getByRole('button', { name: 'Aparcar', exact: true }).click();
  await expectSpanish(page, 'carrito aparcado');
  await page.getByRole('button', { name: /^Retomar/ }).click();
  await pos.openPayment();
  await expectSpanish(page, 'pago');
  await pos.payCash('5');
  await pos.expectPaid();
  await expectSpanish(page, 'pagado y ticket');
  await page.reload();
  await expect(page.getByTestId('recovered-sale')).toBeVisible();
  await expectSpanish(page, 'venta recuperada tras reiniciar');
  await pos.newSale();

  for (const section of ['Tickets', 'Devoluciones', 'Inventario', 'Turno', 'Dispositivo'] as const) {
    await pos.section(section);
    await expect(page.getByRole('navigation', { name: 'Secciones' })).toBeVisible();
    await expectSpanish(page, section);
  }
  await pos.section('Tickets');
  await page
    .getByRole('button', { name: /^Abrir ticket/ })
    .first()
    .click();
  await expectSpanish(page, 'ticket abierto');
  await page.getByRole('button', { name: 'Devolver productos de este ticket' }).click();
  await expect(page.getByText(/Venta del/)).toBeVisible();
  await expectSpanish(page, 'devolución de un ticket');

  await page.getByRole('button', { name: 'Devolver todo Pan Integral' }).click();
  await page.getByRole('button', { name: 'Cambiar por otros productos' }).click();
  await expect(page.getByText('Agregue lo que se lleva el cliente.')).toBeVisible();
  await expectSpanish(page, 'cambio de productos');
  // Not Café Premium: sell-checkout expects its stock at 0 when it starts.
  await pos.addButton('Leche Deslactosada').click();
  await expect(page.getByTestId('exchange-difference')).toBeVisible();
  await expectSpanish(page, 'cambio con diferencia');
  await page.getByRole('button', { name: /Cobrar en efectivo/ }).click();
  await pos.expectPaid();
  await expectSpanish(page, 'cambio pagado y ticket');
  await page.reload();
  await expect(page.getByTestId('recovered-sale')).toContainText('Cambio');
  await expectSpanish(page, 'cambio recuperado tras reiniciar');
});
