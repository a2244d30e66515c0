import type { Messages } from '../i18n';

export const inventoryMessages: Messages<
  | 'title'
  | 'search'
  | 'lowOnly'
  | 'product'
  | 'stock'
  | 'reorder'
  | 'low'
  | 'details'
  | 'otherStores'
  | 'noOtherStores'
  | 'updated'
  | 'count'
  | 'counted'
  | 'believed'
  | 'note'
  | 'saveCount'
  | 'countSaved'
  | 'badQuantity'
  | 'badWeight'
  | 'transfers'
  | 'noTransfers'
  | 'from'
  | 'sent'
  | 'arrived'
  | 'received'
  | 'markReceived'
  | 'receiptSaved'
  | 'showing'
  | 'select'
  | 'pendingAck'
> = {
  es: {
    title: 'Inventario',
    search: 'Buscar por nombre, SKU o código',
    lowOnly: 'Solo existencias bajas',
    product: 'Producto',
    stock: 'Existencias',
    reorder: 'Mínimo',
    low: 'Bajo',
    details: 'Detalle de {name}',
    otherStores: 'Disponible en otras tiendas',
    noOtherStores: 'Sin datos de otras tiendas todavía.',
    updated: 'actualizado {age}',
    count: 'Conteo de existencias',
    counted: 'Cantidad contada de {name}',
    believed: 'La tableta muestra {qty}.',
    note: 'Nota (opcional)',
    saveCount: 'Guardar conteo',
    countSaved: 'Conteo guardado: {name} queda en {qty}. Se enviará a la oficina central.',
    badQuantity: 'Escriba un número entero de unidades.',
    badWeight: 'Escriba la cantidad con {decimals} decimales como máximo, p. ej. 2,5.',
    transfers: 'Traspasos para esta tienda',
    noTransfers: 'No hay traspasos pendientes de recibir.',
    from: 'Desde {location}, enviado {age}',
    sent: 'Enviado',
    arrived: 'Llegaron de {name}',
    received: 'Recibido',
    markReceived: 'Marcar como recibido',
    receiptSaved: 'Recepción guardada; las existencias suben al momento.',
    showing: 'Mostrando {shown} de {total}',
    select: 'Ver {name}',
    pendingAck: 'recibido en esta tableta, por enviar',
  },
  en: {
    title: 'Inventory',
    search: 'Search by name, SKU or barcode',
    lowOnly: 'Low stock only',
    product: 'Product',
    stock: 'Stock',
    reorder: 'Reorder at',
    low: 'Low',
    details: '{name} details',
    otherStores: 'Available at other stores',
    noOtherStores: 'No figures from other stores yet.',
    updated: 'updated {age}',
    count: 'Stock count',
    counted: 'Counted quantity of {name}',
    believed: 'The tablet shows {qty}.',
    note: 'Note (optional)',
    saveCount: 'Save count',
    countSaved: 'Count saved: {name} is now {qty}. It will be sent to the central office.',
    badQuantity: 'Type a whole number of units.',
    badWeight: 'Type the quantity with at most {decimals} decimals, e.g. 2.5.',
    transfers: 'Transfers to this store',
    noTransfers: 'No transfers waiting to be received.',
    from: 'From {location}, sent {age}',
    sent: 'Sent',
    arrived: '{name} that arrived',
    received: 'Received',
    markReceived: 'Mark as received',
    receiptSaved: 'Receipt saved; stock goes up at once.',
    showing: 'Showing {shown} of {total}',
    select: 'Show {name}',
    pendingAck: 'received on this tablet, to send',
  },
};
