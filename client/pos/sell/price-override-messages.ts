import type { Messages } from '../i18n';

export const priceOverrideMessages: Messages<'change' | 'newPrice' | 'apply' | 'invalid' | 'changed'> = {
  es: {
    change: 'Cambiar precio de {name}',
    newPrice: 'Precio nuevo de {name}',
    apply: 'Aplicar precio',
    invalid: 'Escriba un precio como 12,50 (0 o más).',
    changed: 'Precio cambiado (antes {before}); lo autoriza un encargado al cobrar.',
  },
  en: {
    change: 'Change the price of {name}',
    newPrice: 'New price of {name}',
    apply: 'Apply price',
    invalid: 'Type a price like 12.50 (0 or more).',
    changed: 'Price changed (was {before}); a supervisor approves it at the charge.',
  },
};
