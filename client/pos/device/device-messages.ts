import type { Messages } from '../i18n';

export const deviceMessages: Messages<
  | 'title'
  | 'thisDevice'
  | 'branch'
  | 'number'
  | 'version'
  | 'sync'
  | 'breaker'
  | 'breaker_closed'
  | 'breaker_open'
  | 'breaker_half_open'
  | 'leader'
  | 'leaderYes'
  | 'leaderNo'
  | 'pending'
  | 'rejected'
  | 'storage'
  | 'used'
  | 'persisted'
  | 'persistYes'
  | 'persistNo'
  | 'persistUnknown'
  | 'persistAsk'
  | 'persistRefusedHelp'
  | 'recovery'
  | 'recoveryHelp'
  | 'export'
  | 'exported'
  | 'import'
  | 'importing'
  | 'imported'
  | 'notQueueFile'
  | 'otherBranch'
  | 'wrongDocuments'
  | 'checkUpdate'
> = {
  es: {
    title: 'Dispositivo',
    thisDevice: 'Esta tableta',
    branch: 'Sucursal',
    number: 'Número de caja',
    version: 'Versión de la aplicación',
    sync: 'Sincronización',
    breaker: 'Envíos a la oficina central',
    breaker_closed: 'con normalidad',
    breaker_open: 'en pausa: la oficina central no responde, se reintentará sola',
    breaker_half_open: 'probando de nuevo',
    leader: 'Pestaña que envía y recibe los datos',
    leaderYes: 'esta',
    leaderNo: 'otra pestaña',
    pending: 'Documentos por enviar',
    rejected: 'Rechazados por el servidor',
    storage: 'Almacenamiento',
    used: 'Espacio usado',
    persisted: 'Almacenamiento persistente',
    persistYes: 'concedido: el navegador no borrará los datos',
    persistNo: 'rechazado: el navegador podría borrar datos si le falta espacio',
    persistUnknown: 'desconocido',
    persistAsk: 'Pedir almacenamiento persistente',
    persistRefusedHelp:
      'Instale la aplicación en la pantalla de inicio y vuelva a pedirlo; mientras tanto, sincronice a menudo.',
    recovery: 'Recuperación de la cola',
    recoveryHelp:
      'Si una tableta se rompe, exporte aquí lo que no se ha enviado y cárguelo en otra tableta de la misma sucursal. Los documentos conservan su identificador: nunca se duplican.',
    export: 'Exportar lo no enviado',
    exported: 'Exportados {count} documentos en {file}.',
    import: 'Importar cola de otra tableta',
    importing: 'Importando…',
    imported: 'Importados {count} documentos ({already} ya estaban). Se enviarán a la oficina central.',
    notQueueFile: 'Ese archivo no es una exportación de la cola del TPV.',
    otherBranch:
      'El archivo es de otra sucursal ({branch}). Solo se puede importar en una tableta de la misma sucursal.',
    wrongDocuments: 'El archivo contiene documentos de otra sucursal; no se ha importado nada.',
    checkUpdate: 'Buscar actualización',
  },
  en: {
    title: 'Device',
    thisDevice: 'This tablet',
    branch: 'Branch',
    number: 'Till number',
    version: 'App version',
    sync: 'Sync',
    breaker: 'Sending to the central office',
    breaker_closed: 'normally',
    breaker_open: 'paused: the central office is not answering, it will retry by itself',
    breaker_half_open: 'trying again',
    leader: 'Tab that sends and receives the data',
    leaderYes: 'this one',
    leaderNo: 'another tab',
    pending: 'Documents to send',
    rejected: 'Refused by the server',
    storage: 'Storage',
    used: 'Space used',
    persisted: 'Persistent storage',
    persistYes: 'granted: the browser will not delete the data',
    persistNo: 'refused: the browser could delete data when short of space',
    persistUnknown: 'unknown',
    persistAsk: 'Ask for persistent storage',
    persistRefusedHelp: 'Install the app on the home screen and ask again; meanwhile, sync often.',
    recovery: 'Queue recovery',
    recoveryHelp:
      'If a tablet breaks, export what it has not sent here and load it on another tablet of the same branch. Documents keep their ids: they are never duplicated.',
    export: 'Export what is not sent',
    exported: 'Exported {count} documents to {file}.',
    import: 'Import another tablet’s queue',
    importing: 'Importing…',
    imported: 'Imported {count} documents ({already} were already here). They will be sent to the central office.',
    notQueueFile: 'That file is not a POS queue export.',
    otherBranch: 'The file is from another branch ({branch}). It can only be imported on a tablet of the same branch.',
    wrongDocuments: 'The file holds documents of another branch; nothing was imported.',
    checkUpdate: 'Check for update',
  },
};
