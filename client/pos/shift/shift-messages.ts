import type { Messages } from '../i18n';

export const shiftMessages: Messages<
  | 'title'
  | 'noShift'
  | 'float'
  | 'open'
  | 'openShift'
  | 'openSince'
  | 'cashIn'
  | 'cashOut'
  | 'amount'
  | 'reason'
  | 'record'
  | 'cashMoves'
  | 'close'
  | 'counted'
  | 'closeShift'
  | 'report'
  | 'lastReport'
  | 'cashSales'
  | 'cardSales'
  | 'cashRefunds'
  | 'cardRefunds'
  | 'expected'
  | 'overShort'
  | 'over'
  | 'short'
  | 'even'
  | 'salesCount'
  | 'badAmount'
  | 'needReason'
  | 'unsynced'
  | 'allSynced'
  | 'recorded'
  | 'closed'
> = {
  es: {
    title: 'Turno',
    noShift: 'No hay turno abierto en esta caja.',
    float: 'Fondo de caja inicial',
    open: 'Abrir turno',
    openShift: 'Turno abierto',
    openSince: 'Abierto por {name} a las {time}',
    cashIn: 'Entrada de efectivo',
    cashOut: 'Salida de efectivo',
    amount: 'Importe',
    reason: 'Motivo',
    record: 'Registrar',
    cashMoves: 'Entradas y salidas de efectivo',
    close: 'Cerrar turno',
    counted: 'Efectivo contado en caja',
    closeShift: 'Cerrar turno con este efectivo',
    report: 'Informe del turno',
    lastReport: 'Último turno cerrado',
    cashSales: 'Ventas en efectivo',
    cardSales: 'Ventas con tarjeta',
    cashRefunds: 'Devoluciones en efectivo',
    cardRefunds: 'Devoluciones con tarjeta',
    expected: 'Efectivo esperado',
    overShort: 'Sobrante / faltante',
    over: 'sobran {amount}',
    short: 'faltan {amount}',
    even: 'cuadra',
    salesCount:
      '{sales, plural, one {# venta} other {# ventas}}, {refunds, plural, one {# devolución} other {# devoluciones}}',
    badAmount: 'Escriba un importe, por ejemplo 150 o 150,50.',
    needReason: 'Escriba el motivo.',
    unsynced:
      '{count} documentos de esta tableta aún no han llegado a la oficina central. Quedan en cola y se enviarán solos aunque el turno esté cerrado.',
    allSynced: 'Todo lo de esta tableta ha llegado a la oficina central.',
    recorded: 'Registrado.',
    closed: 'Turno cerrado.',
  },
  en: {
    title: 'Shift',
    noShift: 'No shift is open on this till.',
    float: 'Opening cash float',
    open: 'Open shift',
    openShift: 'Open shift',
    openSince: 'Opened by {name} at {time}',
    cashIn: 'Cash in',
    cashOut: 'Cash out',
    amount: 'Amount',
    reason: 'Reason',
    record: 'Record',
    cashMoves: 'Cash in and out',
    close: 'Close shift',
    counted: 'Cash counted in the till',
    closeShift: 'Close shift with this cash',
    report: 'Shift report',
    lastReport: 'Last closed shift',
    cashSales: 'Cash sales',
    cardSales: 'Card sales',
    cashRefunds: 'Cash refunds',
    cardRefunds: 'Card refunds',
    expected: 'Expected cash',
    overShort: 'Over / short',
    over: '{amount} over',
    short: '{amount} short',
    even: 'even',
    salesCount: '{sales, plural, one {# sale} other {# sales}}, {refunds, plural, one {# refund} other {# refunds}}',
    badAmount: 'Type an amount, for example 150 or 150.50.',
    needReason: 'Type the reason.',
    unsynced:
      '{count} documents of this tablet have not reached the central office yet. They stay queued and go by themselves, even with the shift closed.',
    allSynced: 'Everything from this tablet has reached the central office.',
    recorded: 'Recorded.',
    closed: 'Shift closed.',
  },
};
