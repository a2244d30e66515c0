import type { Messages } from '../i18n';

/** Counting the till by notes and coins, the no-sale drawer open, the X and Z reports. */
export const cashMessages: Messages<
  | 'howCount'
  | 'byDenomination'
  | 'byTotal'
  | 'note'
  | 'coin'
  | 'howMany'
  | 'countedSoFar'
  | 'difference'
  | 'beyondLimit'
  | 'needsApproval'
  | 'approvalSummary'
  | 'notApproved'
  | 'badCount'
  | 'noSale'
  | 'noSaleSummary'
  | 'noSaleDone'
  | 'noSaleCount'
  | 'printX'
  | 'printZ'
  | 'printAgain'
  | 'xTitle'
  | 'zTitle'
  | 'xNote'
  | 'printed'
  | 'device'
  | 'cashier'
  | 'opened'
  | 'closedAt'
  | 'byTender'
  | 'notesAndCoins'
  | 'approvedBy'
  | 'requiredTitle'
  | 'requiredHint'
> = {
  es: {
    howCount: 'Cómo contar el efectivo',
    byDenomination: 'Por billetes y monedas',
    byTotal: 'Escribir el total',
    note: 'Billetes de {value}',
    coin: 'Monedas de {value}',
    howMany: '¿Cuántos?',
    countedSoFar: 'Total contado: {amount}',
    difference: 'Diferencia con lo esperado: {text}.',
    beyondLimit:
      'La diferencia supera lo permitido en esta sucursal ({limit}): hará falta la aprobación de un supervisor.',
    needsApproval: 'Cerrar turno (pide aprobación)',
    approvalSummary: 'Cierre de turno con {text}: contado {counted}, esperado {expected} (se permiten {limit}).',
    notApproved: 'El turno sigue abierto: la diferencia necesita la aprobación de un supervisor.',
    badCount: 'Escriba cuántos hay de cada billete o moneda (números enteros, 0 si no hay).',
    noSale: 'Abrir cajón sin venta',
    noSaleSummary: 'Abrir el cajón sin una venta.',
    noSaleDone: 'Cajón abierto sin venta: queda registrado en el turno.',
    noSaleCount: '{count, plural, one {# apertura del cajón sin venta} other {# aperturas del cajón sin venta}}',
    printX: 'Imprimir informe X',
    printZ: 'Imprimir informe Z',
    printAgain: 'Imprimir otra vez',
    xTitle: 'Informe X (parcial)',
    zTitle: 'Informe Z (cierre de turno)',
    xNote: 'Informe parcial: el turno sigue abierto y no se cierra nada.',
    printed: 'Impreso el {date}',
    device: 'Tableta',
    cashier: 'Cajero',
    opened: 'Apertura',
    closedAt: 'Cierre',
    byTender: 'Por forma de pago',
    notesAndCoins: 'Billetes y monedas contados',
    approvedBy: 'Aprobó: {name}',
    requiredTitle: 'Abra un turno para vender',
    requiredHint: 'En esta sucursal se vende con un turno abierto. Cuente el fondo de caja y ábralo.',
  },
  en: {
    howCount: 'How to count the cash',
    byDenomination: 'By notes and coins',
    byTotal: 'Type the total',
    note: '{value} notes',
    coin: '{value} coins',
    howMany: 'How many?',
    countedSoFar: 'Counted so far: {amount}',
    difference: 'Difference from expected: {text}.',
    beyondLimit: "The difference is more than this branch allows ({limit}): a supervisor's approval will be needed.",
    needsApproval: 'Close shift (asks for approval)',
    approvalSummary: 'Shift close with {text}: counted {counted}, expected {expected} ({limit} allowed).',
    notApproved: "The shift is still open: the difference needs a supervisor's approval.",
    badCount: 'Type how many of each note or coin there are (whole numbers, 0 if none).',
    noSale: 'Open drawer, no sale',
    noSaleSummary: 'Open the cash drawer without a sale.',
    noSaleDone: 'Drawer opened with no sale: recorded on the shift.',
    noSaleCount: '{count, plural, one {# drawer open without a sale} other {# drawer opens without a sale}}',
    printX: 'Print X report',
    printZ: 'Print Z report',
    printAgain: 'Print again',
    xTitle: 'X report (mid-shift)',
    zTitle: 'Z report (shift close)',
    xNote: 'Mid-shift report: the shift stays open and nothing is closed.',
    printed: 'Printed {date}',
    device: 'Tablet',
    cashier: 'Cashier',
    opened: 'Opened',
    closedAt: 'Closed',
    byTender: 'By tender',
    notesAndCoins: 'Notes and coins counted',
    approvedBy: 'Approved by: {name}',
    requiredTitle: 'Open a shift to sell',
    requiredHint: 'This branch sells with a shift open. Count the opening float and open one.',
  },
};
