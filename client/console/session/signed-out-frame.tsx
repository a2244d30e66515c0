import type { FormEventHandler, ReactNode } from 'react';
import { LanguageToggle } from '../app/language-toggle';

/** The page of a manager not signed in (sign-in, first setup): the console's name, the language, one form card. */
export function SignedOutFrame({
  title,
  heading,
  onSubmit,
  children,
}: {
  title: string;
  heading: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  children: ReactNode;
}) {
  return (
    <main className="sign-in" id="content">
      <header className="sign-in-header">
        <h1>{title}</h1>
        <LanguageToggle />
      </header>
      <form className="card form" onSubmit={onSubmit} noValidate>
        <h2>{heading}</h2>
        {children}
      </form>
    </main>
  );
}
