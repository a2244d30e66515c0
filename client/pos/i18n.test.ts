import { describe, expect, it } from 'vitest';
import { formatMessage } from './i18n';

describe('formatMessage plural forms (issue 13 item 8)', () => {
  const template = '{count, plural, one {# venta rechazada} other {# ventas rechazadas}} en {place}';

  it('picks the form by the language rule and puts the number for #', () => {
    expect(formatMessage(template, { count: 1, place: 'caja 1' }, 'es')).toBe('1 venta rechazada en caja 1');
    expect(formatMessage(template, { count: 2, place: 'caja 1' }, 'es')).toBe('2 ventas rechazadas en caja 1');
    expect(formatMessage(template, { count: 0, place: 'x' }, 'es')).toBe('0 ventas rechazadas en x');
    expect(formatMessage('{n, plural, one {# sale} other {# sales}}', { n: 1 }, 'en')).toBe('1 sale');
    expect(formatMessage('{n, plural, one {# sale} other {# sales}}', { n: 1200 }, 'en')).toBe('1,200 sales');
  });

  it('leaves plain parameters as they were', () => {
    expect(formatMessage('Hola {name}', { name: 'Ana' })).toBe('Hola Ana');
  });
});
