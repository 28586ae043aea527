import { render, type JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../shared/style.css';
import { completeHostedUiSignIn, currentSession, signOut } from './auth.ts';
import { CasePage } from './case-page.tsx';
import { LoginPage } from './login-page.tsx';
import { QueuePage } from './queue-page.tsx';

/** Hash routes: #/queue?…, #/case/<id>, #/dashboard; everything needs a session but the sign-in. */
const useHash = () => {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const update = () => setHash(location.hash);
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return hash;
};

/** The dashboard brings the charting library, so it is loaded only when opened. */
const LazyDashboard = () => {
  const [Page, setPage] = useState<(() => JSX.Element) | undefined>();
  useEffect(
    () => void import('./dashboard-page.tsx').then((module) => setPage(() => module.DashboardPage)),
    [],
  );
  return Page ? <Page /> : <p role="status">Loading…</p>;
};

const Console = () => {
  const hash = useHash();
  const [ready, setReady] = useState(false);
  const [signInError, setSignInError] = useState<string | undefined>();
  useEffect(() => {
    completeHostedUiSignIn().then(
      () => setReady(true),
      (error: unknown) => {
        setSignInError(String(error));
        setReady(true);
      },
    );
  }, []);
  if (!ready) return <p role="status">Loading…</p>;
  const session = currentSession();
  const [path = '', query = ''] = hash.replace(/^#/u, '').split('?');
  const caseMatch = /^\/case\/([^/]+)$/u.exec(path);
  let page;
  if (!session) page = <LoginPage error={signInError} />;
  else if (caseMatch) page = <CasePage id={decodeURIComponent(caseMatch[1]!)} session={session} />;
  else if (path === '/dashboard') page = <LazyDashboard />;
  else page = <QueuePage query={new URLSearchParams(query)} />;
  document.title = 'Staff console · Complaints';
  return (
    <>
      <a
        class="skip"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="bar">
        <span class="brand">Complaints · staff console</span>
        {session && (
          <nav aria-label="Console">
            <a href="#/queue">Queue</a>
            <a href="#/dashboard">Dashboard</a>
            <span>
              {session.subject} ({session.roles.join(', ')}
              {session.department ? `, ${session.department}` : ''})
            </span>
            <button type="button" class="link" onClick={() => void signOut().then(() => location.reload())}>
              Sign out
            </button>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </>
  );
};

document.documentElement.lang = 'en';
render(<Console />, document.getElementById('app')!);
