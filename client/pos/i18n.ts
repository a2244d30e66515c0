import { createContext, useContext } from 'react';
import { formatMessage as formatTemplate } from '../../shared/i18n/format-message';

const es = {
  appTitle: 'EcoMarket TPV',
  pairTitle: 'Vincular esta tableta',
  pairHelp: 'Pida a su encargado un código de vinculación para esta sucursal y escríbalo aquí. Se usa una sola vez.',
  pairCodeRefused:
    'El código de vinculación no es válido, ya se usó o caducó. Pida a su encargado un código nuevo y vuelva a intentarlo.',
  pairTooMany: 'Demasiados intentos con códigos equivocados. Espere unos minutos y vuelva a intentarlo.',
  pairFailed: 'No se pudo vincular la tableta. Vuelva a intentarlo; si sigue fallando, avise a su encargado.',
  pairCode: 'Código de vinculación',
  deviceName: 'Nombre de esta tableta',
  pairButton: 'Vincular',
  pairing: 'Vinculando…',
  pairNeedsNetwork:
    'Para vincular hace falta conexión con la oficina central. Conéctese a la red de la tienda y vuelva a intentarlo.',
  online: 'En línea',
  offline: 'Sin conexión',
  offlineHelp: 'Puede seguir vendiendo: las ventas se guardan en la tableta y se envían solas al volver la red.',
  pending: 'Por enviar',
  pendingNone: 'Todo enviado',
  lastSync: 'Última sincronización',
  never: 'nunca',
  syncNow: 'Sincronizar ahora',
  sending: 'Enviando {sent} de {total}',
  search: 'Buscar producto',
  stock: 'Existencias',
  addToCart: 'Añadir {name} al carrito',
  cart: 'Carrito',
  cartEmpty: 'Toque un producto para añadirlo.',
  total: 'Total',
  chargeCash: 'Cobrar en efectivo',
  remove: 'Quitar {name}',
  increase: 'Uno más de {name}',
  decrease: 'Uno menos de {name}',
  paid: 'Pagado',
  receipt: 'Ticket',
  newSale: 'Nueva venta',
  oversellWarning:
    'Atención: {name} quedará con existencias negativas ({qty}). La venta se permite y la oficina central lo revisará.',
  rejectedSales:
    '{count, plural, one {# venta rechazada} other {# ventas rechazadas}} por la oficina central: avise al encargado.',
  updateReady: 'Hay una versión nueva de la aplicación.',
  updateNow: 'Actualizar ahora',
  updateAfterSale: 'Se podrá actualizar al terminar la venta en curso.',
  outdated: 'Esta versión de la aplicación es demasiado antigua para el servidor. Actualícela.',
  language: 'English',
  languageLabel: 'Cambiar idioma a inglés',
  branch: 'Sucursal',
  device: 'Tableta',
  saleFailed: 'No se pudo guardar la venta: {message}. El carrito sigue intacto; inténtelo de nuevo.',
  noProducts: 'Aún no hay catálogo en esta tableta. Conéctela a la red una vez para descargarlo.',
};

export type MessageKey = keyof typeof es;

const en: Record<MessageKey, string> = {
  appTitle: 'EcoMarket POS',
  pairTitle: 'Pair this tablet',
  pairHelp: 'Ask your manager for a pairing code for this branch and type it here. It works once.',
  pairCodeRefused: 'The pairing code is wrong, already used or expired. Ask your manager for a new one and try again.',
  pairTooMany: 'Too many attempts with wrong codes. Wait a few minutes and try again.',
  pairFailed: 'The tablet could not be paired. Try again; if it keeps failing, tell your manager.',
  pairCode: 'Pairing code',
  deviceName: 'Name of this tablet',
  pairButton: 'Pair',
  pairing: 'Pairing…',
  pairNeedsNetwork: 'Pairing needs the central office. Connect to the store network and try again.',
  online: 'Online',
  offline: 'Offline',
  offlineHelp: 'Keep selling: sales are saved on this tablet and sent by themselves when the network is back.',
  pending: 'To send',
  pendingNone: 'All sent',
  lastSync: 'Last sync',
  never: 'never',
  syncNow: 'Sync now',
  sending: 'Sending {sent} of {total}',
  search: 'Search products',
  stock: 'Stock',
  addToCart: 'Add {name} to the cart',
  cart: 'Cart',
  cartEmpty: 'Tap a product to add it.',
  total: 'Total',
  chargeCash: 'Charge cash',
  remove: 'Remove {name}',
  increase: 'One more {name}',
  decrease: 'One less {name}',
  paid: 'Paid',
  receipt: 'Receipt',
  newSale: 'New sale',
  oversellWarning:
    'Warning: {name} will go below zero ({qty}). The sale is allowed and the central office will review it.',
  rejectedSales:
    '{count, plural, one {# sale was} other {# sales were}} refused by the central office: tell the manager.',
  updateReady: 'A new version of the app is ready.',
  updateNow: 'Update now',
  updateAfterSale: 'You can update once the current sale is finished.',
  outdated: 'This version of the app is too old for the server. Please update it.',
  language: 'Español',
  languageLabel: 'Switch language to Spanish',
  branch: 'Branch',
  device: 'Tablet',
  saleFailed: 'The sale could not be saved: {message}. The cart is unchanged; try again.',
  noProducts: 'This tablet has no catalogue yet. Connect it to the network once to download it.',
};

export const messages = { es, en } as const;
export type Locale = keyof typeof messages;

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const table = messages[locale];
  return (key, params) => formatMessage(table[key], params, locale);
}

/**
 * Each screen keeps its own messages beside it: `const messages = { es: {...}, en: {...} }`
 * and `const t = useT(messages)`. Spanish is the default; English must have every key.
 */
export interface Messages<K extends string> {
  es: Record<K, string>;
  en: Record<K, string>;
}

/** `{name}` parameters and `{count, plural, one {…} other {…}}` forms: see shared/i18n/format-message.ts. */
export function formatMessage(
  template: string,
  params?: Record<string, string | number>,
  locale: Locale = 'es',
): string {
  return formatTemplate(template, params, INTL_LOCALE[locale]);
}

export function useT<K extends string>(m: Messages<K>): (key: K, params?: Record<string, string | number>) => string {
  const { locale } = useContext(LocaleContext);
  return (key, params) => formatMessage(m[locale][key], params, locale);
}

export const LocaleContext = createContext<{ locale: Locale; t: Translate; setLocale: (l: Locale) => void }>({
  locale: 'es',
  t: translator('es'),
  setLocale: () => undefined,
});

export function useI18n() {
  return useContext(LocaleContext);
}

/** Intl locale tags for money and dates. */
export const INTL_LOCALE: Record<Locale, string> = { es: 'es-MX', en: 'en-US' };
