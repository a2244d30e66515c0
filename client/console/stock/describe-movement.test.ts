import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/i18n';
import { describeMovement } from './describe-movement';
import { stockMessages } from './stock-messages';

const t = translate(stockMessages, 'es');
const names = {
  manager: (id: string) => (id === 'm1' ? 'Sara Stock' : undefined),
  place: (id: string) => (id === 'sucursal-001' ? 'Sucursal 001' : id),
};

describe('describeMovement', () => {
  it('names the manager and says the reason code in Spanish', () => {
    expect(
      describeMovement({ actor: 'manager:m1', reason: 'waste: Bolsas rotas', kind: 'correction' }, t, names),
    ).toEqual({ who: 'Sara Stock', why: 'Merma o caducidad: Bolsas rotas' });
  });
  it('turns a transfer and a sale into words, never ids', () => {
    expect(
      describeMovement(
        { actor: 'manager:m2', reason: 'transfer 0190-ab to sucursal-001: resupply', kind: 'transfer_out' },
        t,
        names,
      ),
    ).toEqual({ who: 'Un encargado', why: 'Traspaso a Sucursal 001: resupply' });
    expect(describeMovement({ actor: 'device:d1', reason: 'sale 001-01-000003', kind: 'sale' }, t, names)).toEqual({
      who: 'Una tableta',
      why: 'Venta, ticket 001-01-000003',
    });
  });
  it('says what the server stores as machine text (transfers without a note, arrivals, counts) in Spanish', () => {
    const why = (reason: string, kind = 'transfer_in') =>
      describeMovement({ actor: 'device:d1', reason, kind }, t, names).why;
    expect(why('transfer 0190-ab to sucursal-001', 'transfer_out')).toBe('Traspaso a Sucursal 001');
    expect(why('transfer 0190-ab from sucursal-001 received (confirmed in the console)')).toBe(
      'Traspaso recibido de Sucursal 001',
    );
    expect(why('transfer 0190-ab from sucursal-001 received (relayed by device:d2)')).toBe(
      'Traspaso recibido de Sucursal 001',
    );
    expect(why('count 0190-cd: counted 3, device believed 2', 'count_adjustment')).toBe(
      'Conteo en la tableta: contó 3, creía 2',
    );
    expect(
      why(
        'count 0190-cd: counted 3, device believed 2 (estante roto), recorded in stock count 0190-ef',
        'count_adjustment',
      ),
    ).toBe('Conteo en la tableta: contó 3, creía 2 (estante roto)');
    expect(why('count: stock count 0190-ef, counted 7, expected 9', 'count_adjustment')).toBe(
      'Conteo de existencias: contado 7, esperado 9',
    );
  });
});
