import { defineMessages, translate, type Locale } from '../i18n/i18n';
import { ConsoleApiError } from './api-client';

const m = defineMessages({
  es: {
    NETWORK: 'No se pudo contactar con el servidor. Compruebe la conexión de este equipo y vuelva a intentarlo.',
    BAD_REQUEST: 'Hay datos que el servidor no acepta. Revise los campos marcados y vuelva a intentarlo.',
    UNAUTHENTICATED: 'Su sesión ha terminado. Vuelva a iniciar sesión.',
    FORBIDDEN: 'Su cuenta no tiene permiso para esto. Pídalo a un administrador de EcoMarket.',
    NOT_FOUND: 'Esto ya no existe (quizá otra persona lo quitó). Recargue la página.',
    CONFLICT: 'Otra persona cambió esto mientras tanto. Recargue la página, revise los datos y vuelva a intentarlo.',
    PAYLOAD_TOO_LARGE: 'Es demasiado grande para enviarlo de una vez. Divídalo en partes más pequeñas.',
    RATE_LIMITED: 'Demasiados intentos fallidos. Espere {minutes} min y vuelva a intentarlo.',
    CLIENT_OUTDATED: 'Esta consola está desactualizada. Recargue la página.',
    INTERNAL: 'El servidor tuvo un fallo. Vuelva a intentarlo; si se repite, avise al responsable técnico.',
    UNKNOWN: 'El servidor respondió de forma inesperada (código {status}). Vuelva a intentarlo en un momento.',
  },
  en: {
    NETWORK: 'The server could not be reached. Check this computer’s connection and try again.',
    BAD_REQUEST: 'The server did not accept some of the data. Check the marked fields and try again.',
    UNAUTHENTICATED: 'Your session has ended. Sign in again.',
    FORBIDDEN: 'Your account is not allowed to do this. Ask an EcoMarket administrator.',
    NOT_FOUND: 'This no longer exists (someone may have removed it). Reload the page.',
    CONFLICT: 'Someone else changed this meanwhile. Reload the page, check the data and try again.',
    PAYLOAD_TOO_LARGE: 'This is too large to send at once. Split it into smaller parts.',
    RATE_LIMITED: 'Too many failed attempts. Wait {minutes} min and try again.',
    CLIENT_OUTDATED: 'This console is out of date. Reload the page.',
    INTERNAL: 'The server failed. Try again; if it happens again, tell your technical contact.',
    UNKNOWN: 'The server answered unexpectedly (status {status}). Try again in a moment.',
  },
});

/**
 * What a manager reads when a call fails. English shows the server's own message (written for
 * people, and specific); Spanish maps the error code, since the server speaks English.
 */
export function describeError(err: unknown, locale: Locale): string {
  const t = translate(m, locale);
  if (!(err instanceof ConsoleApiError)) return t('UNKNOWN', { status: '—' });
  const minutes = Math.max(1, Math.ceil((err.retryAfterSeconds ?? 60) / 60));
  if (locale === 'en' && err.code !== 'NETWORK' && err.code !== 'UNKNOWN' && err.message) return err.message;
  if (err.code === 'SALE_ID_REUSED' || err.code === 'DOCUMENT_ID_REUSED') return t('CONFLICT');
  const known = (err.code in m.es ? err.code : 'UNKNOWN') as keyof (typeof m)['es'];
  return t(known, { minutes, status: err.status });
}
