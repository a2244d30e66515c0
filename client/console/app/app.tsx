import { Component, Suspense, type ReactNode } from 'react';
import { Redirect, Route, Router, Switch, useLocation, useSearch, Link } from 'wouter';
import { I18nProvider, useT } from '../i18n/i18n';
import { LiveProvider } from '../live/live-context';
import { SessionProvider, useSession } from '../session/session-context';
import { SetupPage } from '../session/setup-page';
import { SignInPage } from '../session/sign-in-page';
import { Layout } from './layout';
import { HOME_PATH, pagesFor } from './pages';
import { shellMessages } from './shell-messages';
import { ErrorText } from '../../shared-ui/error-text';

const CONSOLE_BASE = '/console';

export function App() {
  return (
    <I18nProvider>
      <Router base={CONSOLE_BASE}>
        <SessionProvider>
          <Gate />
        </SessionProvider>
      </Router>
    </I18nProvider>
  );
}

/** Signed out: only the sign-in (and setup) pages; any other page goes to sign-in and comes back after. */
function Gate() {
  const { state } = useSession();
  const [location] = useLocation();
  const search = useSearch();
  const t = useT(shellMessages);
  if (state.status === 'loading')
    return (
      <p className="page-loading" role="status">
        {t('loading')}
      </p>
    );
  if (state.status === 'signedOut') {
    if (location === '/sign-in') return <SignInPage expired={state.expired} />;
    if (location === '/setup') return <SetupPage />;
    const asked = location === '/' ? '' : `${location}${search ? `?${search}` : ''}`;
    return <Redirect to={asked ? `/sign-in?next=${encodeURIComponent(asked)}` : '/sign-in'} replace />;
  }
  return (
    <LiveProvider>
      <SignedIn />
    </LiveProvider>
  );
}

function SignedIn() {
  const { state } = useSession();
  const t = useT(shellMessages);
  if (state.status !== 'signedIn') return null;
  const pages = pagesFor(state.manager);
  return (
    <Switch>
      <Route path="/sign-in">
        <AfterSignIn />
      </Route>
      <Route path="/setup">
        <Redirect to={HOME_PATH} replace />
      </Route>
      <Route path="/">
        <Redirect to={HOME_PATH} replace />
      </Route>
      <Route>
        <Layout>
          <PageBoundary>
            <Suspense
              fallback={
                <p className="page-loading" role="status">
                  {t('loading')}
                </p>
              }
            >
              <Switch>
                {pages.map((p) => (
                  <Route key={p.path} path={p.path} component={p.component} />
                ))}
                <Route>
                  <NotFound />
                </Route>
              </Switch>
            </Suspense>
          </PageBoundary>
        </Layout>
      </Route>
    </Switch>
  );
}

/** Just signed in (or already was): go to the page asked for, only ever inside the console. */
function AfterSignIn() {
  const next = new URLSearchParams(useSearch()).get('next');
  const safe = next && next.startsWith('/') && !next.startsWith('//') ? next : HOME_PATH;
  return <Redirect to={safe} replace />;
}

function NotFound() {
  const t = useT(shellMessages);
  return (
    <section className="page">
      <h1>{t('notFound')}</h1>
      <Link href={HOME_PATH}>{t('goHome')}</Link>
    </section>
  );
}

/** A page that throws while rendering (or whose chunk fails to load) shows a way out instead of a blank screen. */
class PageBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <PageFailed /> : this.props.children;
  }
}

function PageFailed() {
  const t = useT(shellMessages);
  return (
    <section className="page">
      <ErrorText>{t('pageFailed')}</ErrorText>
      <button type="button" onClick={() => location.reload()}>
        {t('reload')}
      </button>
    </section>
  );
}
