import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type InputHTMLAttributes } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'wouter';
import { z } from 'zod';
import { setupRequestSchema, SETUP_PATH, type SetupRequest } from '../../../shared/console/first-run-setup';
import type { SessionResponse } from '../../../shared/console/manager-session';
import { ConsoleApiError } from '../api/api-client';
import { describeError } from '../api/error-messages';
import { defineMessages, useLocale, useT } from '../i18n/i18n';
import { TextField } from '../ui/text-field';
import { useSession } from './session-context';
import { SignedOutFrame } from './signed-out-frame';
import { ErrorText } from '../../shared-ui/error-text';

const m = defineMessages({
  es: {
    title: 'Consola de EcoMarket',
    heading: 'Crear el primer administrador',
    intro:
      'Al arrancar por primera vez, el servidor mostró un código de instalación en su terminal. Escríbalo aquí para crear la cuenta de administración. Si lo perdió o caducó, genere otro con: npm run ecomarket -- setup-code',
    code: 'Código de instalación',
    name: 'Nombre',
    email: 'Correo electrónico',
    password: 'Contraseña (mínimo 10 caracteres)',
    confirm: 'Repita la contraseña',
    submit: 'Crear administrador',
    submitting: 'Creando…',
    codeMissing: 'Escriba el código que mostró el servidor al arrancar.',
    nameMissing: 'Escriba el nombre de la persona que administrará la consola.',
    emailInvalid: 'Escriba un correo electrónico válido.',
    passwordShort: 'La contraseña necesita al menos 10 caracteres.',
    mismatch: 'Las dos contraseñas no coinciden.',
    wrongCode:
      'El código no es correcto, ya se usó o caducó. Use el que mostró el servidor o genere otro con: npm run ecomarket -- setup-code',
    exists: 'Ya existe un administrador. Inicie sesión con su cuenta.',
    signIn: 'Ir a iniciar sesión',
  },
  en: {
    title: 'EcoMarket console',
    heading: 'Create the first administrator',
    intro:
      'When it first started, the server printed a setup code in its terminal. Type it here to create the administrator account. If you lost it or it expired, print a new one with: npm run ecomarket -- setup-code',
    code: 'Setup code',
    name: 'Name',
    email: 'Email',
    password: 'Password (at least 10 characters)',
    confirm: 'Repeat the password',
    submit: 'Create administrator',
    submitting: 'Creating…',
    codeMissing: 'Type the code the server printed when it started.',
    nameMissing: 'Type the name of the person who will run the console.',
    emailInvalid: 'Type a valid email address.',
    passwordShort: 'The password needs at least 10 characters.',
    mismatch: 'The two passwords differ.',
    wrongCode:
      'The code is wrong, already used or expired. Use the one the server printed, or print a new one with: npm run ecomarket -- setup-code',
    exists: 'An administrator exists already. Sign in with your account.',
    signIn: 'Go to sign-in',
  },
});

type SetupForm = SetupRequest & { confirm: string };
const formSchema = setupRequestSchema
  .extend({ confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'mismatch' });

/** First run: the setup code the server printed creates the first administrator, who is then signed in. */
export function SetupPage() {
  const t = useT(m);
  const { locale } = useLocale();
  const { api, accept } = useSession();
  const [failure, setFailure] = useState<{ text: string; exists: boolean } | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<SetupForm>({ resolver: zodResolver(formSchema) });

  const submit = handleSubmit(async ({ confirm: _confirm, ...body }) => {
    setFailure(null);
    try {
      accept(await api.post<SessionResponse>(SETUP_PATH, body));
    } catch (err) {
      if (err instanceof ConsoleApiError && err.status === 403) setFailure({ text: t('wrongCode'), exists: false });
      else if (err instanceof ConsoleApiError && err.status === 409) setFailure({ text: t('exists'), exists: true });
      else setFailure({ text: describeError(err, locale), exists: false });
    }
  });

  const field = (name: keyof SetupForm, label: string, error: string, input: InputHTMLAttributes<HTMLInputElement>) => (
    <TextField label={label} error={errors[name] && error} {...input} {...register(name)} />
  );

  return (
    <SignedOutFrame title={t('title')} heading={t('heading')} onSubmit={submit}>
      <p className="hint">{t('intro')}</p>
      {field('code', t('code'), t('codeMissing'), { autoComplete: 'off', autoCapitalize: 'characters' })}
      {field('name', t('name'), t('nameMissing'), { autoComplete: 'name' })}
      {field('email', t('email'), t('emailInvalid'), { type: 'email', autoComplete: 'username' })}
      {field('password', t('password'), t('passwordShort'), { type: 'password', autoComplete: 'new-password' })}
      {field('confirm', t('confirm'), errors.confirm?.message === 'mismatch' ? t('mismatch') : t('passwordShort'), {
        type: 'password',
        autoComplete: 'new-password',
      })}
      <ErrorText>{failure?.text}</ErrorText>
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? t('submitting') : t('submit')}
      </button>
      {failure?.exists && <Link href="/sign-in">{t('signIn')}</Link>}
    </SignedOutFrame>
  );
}
