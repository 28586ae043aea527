import { render, type JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { REPORT_ROLES } from '../../../functions/domain/kpi-report.ts';
import type { Locale } from '../../../functions/domain/vocabulary.ts';
import '../shared/style.css';
import './console.css';
import { completeHostedUiSignIn, currentSession, signOut, type StaffSession } from './auth.ts';
import { CasePage } from './case-page.tsx';
import { CorrectiveActionsPage } from './corrective-actions-page.tsx';
import { dataRequestWords, DataRequestsPage } from './data-requests-page.tsx';
import {
  consoleLocale,
  ConsoleLocaleContext,
  initialConsoleLocale,
  rememberConsoleLocale,
  useConsoleLocale,
} from './console-locale.ts';
import { useDirectory } from './directory.ts';
import { IncidentListPage, IncidentPage } from './incident-pages.tsx';
import { LoginPage } from './login-page.tsx';
import { QueuePage } from './queue-page.tsx';

/** Hash routes: #/queue?…, #/case/<id>, #/incidents, #/incident/<id>, #/corrective-actions, #/log, #/dashboard, #/admin/policy, #/data-requests; everything needs a session but the sign-in. */
const useHash = () => {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const update = () => setHash(location.hash);
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return hash;
};

/**
 * A page loaded only when opened: the dashboard brings the charting library, the log form the zod
 * schema it checks with (on the first load it took the console entry from 54.9 kB to 65.1 kB
 * and preloaded 27.7 kB of zod; loaded when opened, the entry is 59.8 kB and preloads no zod).
 */
const Lazy = ({ load }: { load: () => Promise<() => JSX.Element> }) => {
  const [Page, setPage] = useState<(() => JSX.Element) | undefined>();
  useEffect(() => void load().then((page) => setPage(() => page)), [load]);
  return Page ? <Page /> : <p role="status">{useConsoleLocale().t.loading}</p>;
};
const loadDashboard = () => import('./dashboard-page.tsx').then((module) => module.DashboardPage);
const loadLogComplaint = () => import('./log-complaint-page.tsx').then((module) => module.LogComplaintPage);
const loadPolicy = () => import('./policy-page.tsx').then((module) => module.PolicyPage);

/** Who is signed in, by name, role and department as the directory knows them. */
const WhoAmI = ({ session }: { session: StaffSession }) => {
  const cl = useConsoleLocale();
  const names = useDirectory(cl.locale);
  const parts = [
    ...session.roles.map((role) => cl.label('role', role)),
    ...(session.department ? [names.department(session.department)] : []),
  ];
  return (
    <span data-testid="whoami">
      {names.person(session.subject)}
      {cl.t.paren(parts.join(cl.t.listSeparator))}
    </span>
  );
};

/** Administrators edit the policy, managers read it (the policy route's own check). */
const mayReadPolicy = (session: StaffSession) =>
  session.roles.some((role) => role === 'admin' || role === 'manager');

/** Only roles that may open the reports see the link (REPORT_ROLES: the route's own check). */
const mayReport = (session: StaffSession) =>
  session.roles.some((role) => (REPORT_ROLES as readonly string[]).includes(role));

/**
 * Data-subject requests are answered by managers and admins (DATA_REQUEST_ROLES, the routes' own
 * check; not imported: its module builds zod schemas, which the console's entry does without).
 */
const mayAnswerDataRequests = (session: StaffSession) =>
  session.roles.some((role) => role === 'admin' || role === 'manager');

const Console = () => {
  const hash = useHash();
  const [ready, setReady] = useState(false);
  const [signInError, setSignInError] = useState<string | undefined>();
  const [locale, setLocale] = useState<Locale>(() => initialConsoleLocale());
  const cl = consoleLocale(locale);
  const { t } = cl;
  rememberConsoleLocale(locale);
  useEffect(() => {
    completeHostedUiSignIn().then(
      () => setReady(true),
      (error: unknown) => {
        setSignInError(String(error));
        setReady(true);
      },
    );
  }, []);
  if (!ready) return <p role="status">{t.loading}</p>;
  const session = currentSession();
  const [path = '', query = ''] = hash.replace(/^#/u, '').split('?');
  const caseMatch = /^\/case\/([^/]+)$/u.exec(path);
  const incidentMatch = /^\/incident\/([^/]+)$/u.exec(path);
  let page;
  if (!session) page = <LoginPage error={signInError} />;
  else if (caseMatch) page = <CasePage id={decodeURIComponent(caseMatch[1]!)} session={session} />;
  else if (incidentMatch) page = <IncidentPage id={decodeURIComponent(incidentMatch[1]!)} />;
  else if (path === '/incidents') page = <IncidentListPage />;
  else if (path === '/corrective-actions') page = <CorrectiveActionsPage session={session} />;
  else if (path === '/log') page = <Lazy key="log" load={loadLogComplaint} />;
  else if (path === '/dashboard') page = <Lazy key="dashboard" load={loadDashboard} />;
  else if (path === '/admin/policy') page = <Lazy key="policy" load={loadPolicy} />;
  else if (path === '/data-requests') page = <DataRequestsPage />;
  else page = <QueuePage query={new URLSearchParams(query)} session={session} />;
  document.title = t.title;
  return (
    <ConsoleLocaleContext.Provider value={cl}>
      <a
        class="skip"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t.skipToContent}
      </a>
      <header class="bar">
        <span class="brand">{t.brand}</span>
        <nav aria-label={t.nav.label}>
          {session && (
            <>
              <a href="#/queue">{t.nav.queue}</a>
              <a href="#/incidents">{t.nav.incidents}</a>
              <a href="#/corrective-actions">{t.nav.correctiveActions}</a>
              <a href="#/log">{t.nav.log}</a>
              {mayReport(session) && <a href="#/dashboard">{t.nav.dashboard}</a>}
              {mayReadPolicy(session) && <a href="#/admin/policy">{t.nav.policy}</a>}
              {mayAnswerDataRequests(session) && <a href="#/data-requests">{dataRequestWords(locale).nav}</a>}
              <WhoAmI session={session} />
            </>
          )}
          <button
            type="button"
            class="link"
            lang={t.switchToLocale}
            onClick={() => setLocale(t.switchToLocale)}
          >
            {t.switchTo}
          </button>
          {session && (
            <button type="button" class="link" onClick={() => void signOut().then(() => location.reload())}>
              {t.nav.signOut}
            </button>
          )}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </ConsoleLocaleContext.Provider>
  );
};

render(<Console />, document.getElementById('app')!);
