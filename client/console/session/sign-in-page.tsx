import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { SETUP_PATH, type SetupStatusResponse } from '../../../shared/console/first-run-setup';
import { useForm } from 'react-hook-form';
import { signInRequestSchema, type SignInRequest } from '../../../shared/console/manager-session';
import { describeError } from '../api/error-messages';
import { defineMessages, useLocale, useT } from '../i18n/i18n';
import { TextField } from '../ui/text-field';
import { useSession } from './session-context';
import { SignedOutFrame } from './signed-out-frame';
import { ErrorText } from '../../shared-ui/error-text';

const m = defineMessages({
  es: {
    title: 'Consola de EcoMarket',
    heading: 'Iniciar sesión',
    email: 'Correo electrónico',
    password: 'Contraseña',
    submit: 'Entrar',
    submitting: 'Entrando…',
    expired: 'Su sesión terminó. Inicie sesión de nuevo para volver a la página en la que estaba.',
    emailInvalid: 'Escriba el correo con el que el administrador le dio de alta.',
    passwordMissing: 'Escriba su contraseña.',
    wrong:
      'El correo o la contraseña no son correctos. Revise ambos; un administrador puede restablecer su contraseña.',
    disabled: 'Esta cuenta está desactivada. Pida a un administrador que la active de nuevo.',
    noAdmin: 'Esta consola aún no tiene administrador.',
    firstRun: 'Crear el primer administrador con el código de instalación',
  },
  en: {
    title: 'EcoMarket console',
    heading: 'Sign in',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    expired: 'Your session ended. Sign in again to go back to the page you were on.',
    emailInvalid: 'Type the email address the administrator registered for you.',
    passwordMissing: 'Type your password.',
    wrong: 'The email or the password is wrong. Check both; an administrator can reset your password.',
    disabled: 'This account is disabled. Ask an administrator to enable it again.',
    noAdmin: 'This console has no administrator yet.',
    firstRun: 'Create the first administrator with the setup code',
  },
});

export function SignInPage({ expired }: { expired: boolean }) {
  const t = useT(m);
  const { locale } = useLocale();
  const [failure, setFailure] = useState<string | null>(null);
  const { api, signIn } = useSession();
  const [setupNeeded, setSetupNeeded] = useState(false);
  useEffect(() => {
    api.get<SetupStatusResponse>(SETUP_PATH).then(
      (s) => setSetupNeeded(s.needed),
      () => undefined,
    );
  }, [api]);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<SignInRequest>({ resolver: zodResolver(signInRequestSchema) });

  const submit = handleSubmit(async (body) => {
    setFailure(null);
    try {
      await signIn(body);
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 401) setFailure(t('wrong'));
      else if (status === 403) setFailure(t('disabled'));
      else setFailure(describeError(err, locale));
    }
  });

  return (
    <SignedOutFrame title={t('title')} heading={t('heading')} onSubmit={submit}>
      {expired && (
        <p role="status" className="warning">
          {t('expired')}
        </p>
      )}
      <TextField
        label={t('email')}
        type="email"
        autoComplete="username"
        error={errors.email && t('emailInvalid')}
        {...register('email')}
      />
      <TextField
        label={t('password')}
        type="password"
        autoComplete="current-password"
        error={errors.password && t('passwordMissing')}
        {...register('password')}
      />
      <ErrorText>{failure}</ErrorText>
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? t('submitting') : t('submit')}
      </button>
      {setupNeeded && (
        <p className="warning">
          {t('noAdmin')} <Link href="/setup">{t('firstRun')}</Link>
        </p>
      )}
    </SignedOutFrame>
  );
}
