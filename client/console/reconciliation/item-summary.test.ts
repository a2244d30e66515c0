import { describe, expect, it } from 'vitest';
import { formatter } from '../i18n/format';
import { translate } from '../i18n/i18n';
import { itemSummary } from './item-summary';
import { reconciliationMessages } from './reconciliation-messages';

describe('reconciliation item summaries', () => {
  it('says a price mismatch in Spanish with the money of the branch', () => {
    const text = itemSummary(
      {
        kind: 'price_mismatch',
        summary: 'Pan on receipt 001-1: charged 300 for 1, master price says 250 (difference 50)',
        details: {
          productName: 'Pan',
          receiptNumber: '001-1',
          quantity: 1,
          chargedTotalCents: 300,
          expectedTotalCents: 250,
        },
      },
      translate(reconciliationMessages, 'es'),
      formatter('es', { currency: 'USD' }),
      (id) => id,
    );
    // Intl puts a no-break space between amount and currency.
    expect(text.replace(/\u00a0/g, ' ')).toBe(
      'Pan en el ticket 001-1: se cobró 3,00 US$ por 1 y el precio vigente daba 2,50 US$ (diferencia 0,50 US$).',
    );
  });

  it('names both places of a transfer difference', () => {
    const text = itemSummary(
      {
        kind: 'transfer_discrepancy',
        summary: '',
        details: { fromLocationId: 'central', lines: [{ productId: 'p1', sent: 5, received: 3 }] },
      },
      translate(reconciliationMessages, 'en'),
      formatter('en', { currency: 'USD' }),
      (id) => (id === 'central' ? 'Central warehouse' : id),
    );
    expect(text).toBe('Transfer from Central warehouse: p1 sent 5, received 3.');
  });

  it('words a drawer opened without an approval that stands, in Spanish and English', () => {
    const item = {
      kind: 'unapproved_shift_event' as const,
      summary: 'Shift event no_sale …',
      details: {
        eventKind: 'no_sale',
        deviceName: 'Caja 1',
        cashierName: 'Carlos',
        missing: [],
        invalid: [{ kind: 'no_sale', approverName: 'Omar', why: 'not_supervisor' }],
      },
    };
    const es = itemSummary(
      item,
      translate(reconciliationMessages, 'es'),
      formatter('es', { currency: 'USD' }),
      (id) => id,
    );
    expect(es).toBe(
      'Cajón abierto sin venta en Caja 1 (Carlos) se registró cajón abierto sin venta: la autorizó Omar, que no es supervisor de la sucursal.',
    );
    const en = itemSummary(
      { ...item, details: { ...item.details, eventKind: 'close', invalid: [], missing: ['cash_difference'] } },
      translate(reconciliationMessages, 'en'),
      formatter('en', { currency: 'USD' }),
      (id) => id,
    );
    expect(en).toBe(
      "A shift close on Caja 1 (Carlos) was recorded without a supervisor's approval for: a close with a cash difference.",
    );
  });

  it('says a line in another unit than its product, and how much stock moved', () => {
    const item = {
      kind: 'unit_mismatch' as const,
      summary: '',
      details: {
        productName: 'Manzana',
        receiptNumber: '001-01-000007',
        lineUnit: 'kg',
        lineDecimals: 2,
        lineQuantity: 125,
        productUnit: 'kg',
        productDecimals: 3,
        movedQuantity: 1250,
      },
    };
    const es = itemSummary(item, translate(reconciliationMessages, 'es'), formatter('es'), (id) => id);
    expect(es).toBe(
      'Manzana en el ticket 001-01-000007: la tableta lo contó por kg (1,25 kg) y el catálogo lo cuenta por kg; las existencias se movieron 1,250 kg.',
    );
    const pieces = { ...item.details, lineUnit: 'each', lineDecimals: 0, lineQuantity: 2, movedQuantity: null };
    const en = itemSummary(
      { ...item, details: pieces },
      translate(reconciliationMessages, 'en'),
      formatter('en'),
      (id) => id,
    );
    expect(en).toBe(
      'Manzana on receipt 001-01-000007: the tablet counted it by the piece (2) and the catalogue counts it by the kg; no stock was moved: correct it with an adjustment.',
    );
  });

  it('shows a weighed product’s quantities in kilograms, not grams', () => {
    const es = translate(reconciliationMessages, 'es');
    const f = formatter('es', { currency: 'USD' });
    const mismatch = itemSummary(
      {
        kind: 'price_mismatch',
        summary: '',
        details: {
          productName: 'Queso',
          receiptNumber: '001-2',
          quantity: 1250,
          unit: 'kg',
          quantityDecimals: 3,
          chargedTotalCents: 1250,
          expectedTotalCents: 1125,
        },
      },
      es,
      f,
      (id) => id,
    );
    expect(mismatch.replace(/\u00a0/g, ' ')).toContain('por 1,250 kg');
    const oversell = itemSummary(
      {
        kind: 'oversell',
        summary: '',
        details: {
          productName: 'Queso',
          level: -2500,
          unit: 'kg',
          quantityDecimals: 3,
          sales: 2,
          lastReceiptNumber: '001-3',
        },
      },
      es,
      f,
      (id) => id,
    );
    expect(oversell).toContain('quedaron en -2,500 kg');
    const count = itemSummary(
      {
        kind: 'count_discrepancy',
        summary: '',
        details: {
          productName: 'Queso',
          unit: 'kg',
          quantityDecimals: 3,
          counted: 2500,
          believed: 2000,
          delta: 500,
          levelAfter: 2500,
        },
      },
      es,
      f,
      (id) => id,
    );
    expect(count).toBe(
      'Queso: se contaron 2,500 kg, la tableta creía 2,000 kg (+0,500 kg); el nivel queda en 2,500 kg.',
    );
  });
});
