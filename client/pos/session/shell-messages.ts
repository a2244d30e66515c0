import type { Messages } from '../i18n';

export const shellMessages: Messages<
  | 'nav'
  | 'sell'
  | 'tickets'
  | 'refund'
  | 'inventory'
  | 'shift'
  | 'device'
  | 'lock'
  | 'lockNamed'
  | 'noShift'
  | 'cashier'
> = {
  es: {
    nav: 'Secciones',
    sell: 'Vender',
    tickets: 'Tickets',
    refund: 'Devoluciones',
    inventory: 'Inventario',
    shift: 'Turno',
    device: 'Dispositivo',
    lock: 'Bloquear',
    lockNamed: 'Bloquear (atiende {name})',
    noShift: 'sin turno',
    cashier: 'Cajero',
  },
  en: {
    nav: 'Sections',
    sell: 'Sell',
    tickets: 'Receipts',
    refund: 'Refunds',
    inventory: 'Inventory',
    shift: 'Shift',
    device: 'Device',
    lock: 'Lock',
    lockNamed: 'Lock ({name} at the till)',
    noShift: 'no shift',
    cashier: 'Cashier',
  },
};
