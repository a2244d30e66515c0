import type { Messages } from '../i18n';

export const cashierMessages: Messages<
  | 'title'
  | 'who'
  | 'pinFor'
  | 'pin'
  | 'enter'
  | 'clear'
  | 'digit'
  | 'wrongPin'
  | 'wait'
  | 'checking'
  | 'back'
  | 'lock'
  | 'noCashiers'
  | 'supervisor'
> = {
  es: {
    title: 'Tableta bloqueada',
    who: '¿Quién atiende la caja?',
    pinFor: 'PIN de {name}',
    pin: 'PIN',
    enter: 'Entrar',
    clear: 'Borrar',
    digit: 'Dígito {d}',
    wrongPin: 'PIN incorrecto. Inténtelo de nuevo ({left} intentos antes de esperar).',
    wait: 'Demasiados intentos. Espere {seconds} s y vuelva a intentarlo.',
    checking: 'Comprobando…',
    back: 'Elegir otra persona',
    lock: 'Bloquear',
    noCashiers: 'Esta sucursal aún no tiene cajeros en la tableta.',
    supervisor: 'encargado',
  },
  en: {
    title: 'Tablet locked',
    who: 'Who is at the till?',
    pinFor: "{name}'s PIN",
    pin: 'PIN',
    enter: 'Sign in',
    clear: 'Clear',
    digit: 'Digit {d}',
    wrongPin: 'Wrong PIN. Try again ({left} tries before a wait).',
    wait: 'Too many tries. Wait {seconds} s and try again.',
    checking: 'Checking…',
    back: 'Choose someone else',
    lock: 'Lock',
    noCashiers: 'This branch has no cashiers on the tablet yet.',
    supervisor: 'supervisor',
  },
};
