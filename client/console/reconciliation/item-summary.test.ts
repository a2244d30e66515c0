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
});
