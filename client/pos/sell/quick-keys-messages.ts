import type { Messages } from '../i18n';

export const quickKeysMessages: Messages<'favourites' | 'addToCart'> = {
  es: { favourites: 'Favoritos', addToCart: 'Añadir {name} al carrito' },
  en: { favourites: 'Favourites', addToCart: 'Add {name} to the cart' },
};
