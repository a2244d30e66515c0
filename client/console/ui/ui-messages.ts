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
  },
  en: {
    cancel: 'Cancel',
    close: 'Close',
    state: 'State',
    anyState: 'All',
    location: 'Location',
    anyPlace: 'All',
  },
});
