import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useLive } from '../live/live-context';
import { useLocale, useT } from '../i18n/i18n';
import { useManager, useSession } from '../session/session-context';
import { pagesFor } from './pages';
import { shellMessages } from './shell-messages';
import { LanguageToggle } from './language-toggle';

/** Header, navigation (collapsed behind a Menu button on a tablet), the offline banner and the page. */
export function Layout({ children }: { children: ReactNode }) {
  const t = useT(shellMessages);
  const { locale } = useLocale();
  const manager = useManager();
  const { signOut } = useSession();
  const { connected } = useLive();
  const [location] = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // A new page: close the menu and move focus to it, so keyboard and screen-reader users start there.
  useEffect(() => {
    setMenuOpen(false);
    if (firstRender.current) firstRender.current = false;
    else main.current?.focus();
  }, [location]);

  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        {t('skipToContent')}
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="console-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          {t('menu')}
        </button>
        <span className="brand">{t('appName')}</span>
        <span className="who">
          {t('signedInAs', { name: manager.name, role: manager.role === 'admin' ? t('admin') : t('branchManager') })}
        </span>
        <LanguageToggle />
        <button type="button" onClick={() => void signOut()}>
          {t('signOut')}
        </button>
      </header>
      {!connected && (
        <p className="offline-banner" role="alert">
          {t('offline')}
        </p>
      )}
      <div className="body">
        <nav id="console-nav" aria-label={t('sections')} className={menuOpen ? 'nav open' : 'nav'}>
          <ul>
            {pagesFor(manager)
              .filter((p) => p.nav)
              .map((p) => {
                const current = location === p.path || location.startsWith(`${p.path}/`);
                return (
                  <li key={p.path}>
                    <Link href={p.path} aria-current={current ? 'page' : undefined}>
                      {p.nav![locale]}
                    </Link>
                  </li>
                );
              })}
          </ul>
        </nav>
        <main id="content" ref={main} tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
