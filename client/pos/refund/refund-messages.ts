import type { Messages } from '../i18n';

const es = {
  title: 'Devolución',
  receiptNumber: 'Número de ticket',
  find: 'Buscar ticket',
  scanHint: 'Escanee el código del ticket o escriba su número (p. ej. 001-02-000123).',
  notFound:
    'No se encontró el ticket {receipt} en esta tableta. Revise el número; si es de otra caja, conéctese a la red para recibir las ventas de la sucursal.',
  notASale: 'El ticket {receipt} es una devolución; busque el ticket de la venta original.',
  soldOn: 'Venta del {date}, {total}',
  unitsToRefund: 'Unidades a devolver de {name}',
  refundable: 'quedan {n} de {sold}',
  all: 'Todo',
  allOf: 'Devolver todo {name}',
  alreadyRefunded: 'Este ticket ya se devolvió por completo en esta tableta. No se puede devolver otra vez.',
  partlyRefunded: 'Parte de este ticket ya se devolvió: solo se ofrecen las unidades que quedan.',
  method: 'Devolver el dinero en',
  cash: 'Efectivo',
  card: 'Tarjeta',
  refundButton: 'Devolver {amount}',
  nothingSelected: 'Elija cuántas unidades se devuelven.',
  zeroRefund: 'Las unidades elegidas se vendieron gratis: no hay dinero que devolver.',
  tooMany: 'Solo quedan {n} unidades de {name} por devolver.',
  failed: 'No se pudo guardar la devolución: {message}. Inténtelo de nuevo.',
  done: 'Devolución guardada',
  another: 'Otra devolución',
  saving: 'Guardando…',
};

const en: typeof es = {
  title: 'Refund',
  receiptNumber: 'Receipt number',
  find: 'Find receipt',
  scanHint: 'Scan the barcode on the receipt or type its number (e.g. 001-02-000123).',
  notFound:
    'Receipt {receipt} is not on this tablet. Check the number; if it is from another till, connect to the network to receive the branch’s sales.',
  notASale: 'Receipt {receipt} is a refund; look up the receipt of the original sale.',
  soldOn: 'Sold on {date}, {total}',
  unitsToRefund: 'Units of {name} to refund',
  refundable: '{n} of {sold} left',
  all: 'All',
  allOf: 'Refund all {name}',
  alreadyRefunded: 'This receipt has already been fully refunded on this tablet. It cannot be refunded again.',
  partlyRefunded: 'Part of this receipt was already refunded: only the units left are offered.',
  method: 'Give the money back in',
  cash: 'Cash',
  card: 'Card',
  refundButton: 'Refund {amount}',
  nothingSelected: 'Choose how many units come back.',
  zeroRefund: 'The chosen units were sold for free: there is no money to give back.',
  tooMany: 'Only {n} units of {name} are left to refund.',
  failed: 'The refund could not be saved: {message}. Try again.',
  done: 'Refund saved',
  another: 'Another refund',
  saving: 'Saving…',
};

export const refundMessages: Messages<keyof typeof es> = { es, en };
