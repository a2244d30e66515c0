import { defineMessages } from '../i18n/i18n';

/** Words the console's shared controls say on every page. */
export const uiMessages = defineMessages({
  es: {
    cancel: 'Cancelar',
    close: 'Cerrar',
    state: 'Estado',
    anyState: 'Todos',
    location: 'Ubicación',
    anyPlace: 'Todas',
    cancelReason: 'Motivo de la cancelación',
    reasonShort: 'Explique por qué (al menos 3 caracteres).',
  },
  en: {
    cancel: 'Cancel',
    close: 'Close',
    state: 'State',
    anyState: 'All',
    location: 'Location',
    anyPlace: 'All',
    cancelReason: 'Why it is cancelled',
    reasonShort: 'Say why (at least 3 characters).',
  },
});
