import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, authenticateWith, whenUnauthorised } from './api/client';
import type { Role, SignInOptionsView } from './api/types';
import { AppContext, type AppContextValue } from './app-context';
import {
  CALLBACK_PATH,
  discover,
  endSessionUrl,
  finishSignIn,
  renew,
  renewalDelayMs,
  type OidcProvider,
  type OidcTokens,
} from './auth/oidc';
import { hasRole, loadSession, readToken, saveSession, type Session } from './auth/session';
import { SignIn } from './auth/sign-in';
import { LiveStream, type Change, type LiveStatus } from './live/live-stream';
import { AppealsPage } from './pages/appeals';
import { BoardQueue } from './pages/board-queue';
import { LearnerDirectory } from './pages/learner-directory';
import { LearnerRecordPage } from './pages/learner-record';
import { MarkingQueue } from './pages/marking-queue';
import { ModerationQueue } from './pages/moderation-queue';
import { ModerationResultsPage } from './pages/moderation-results';
import { CourseMonitoringPage, MonitoringIndex } from './pages/monitoring';
import { BulkUpload } from './pages/bulk-upload';
import { NewBoardPage } from './pages/board-new';
import { CourseAdminPage } from './pages/course-admin';
import { NewCoursePage } from './pages/course-new';
import { CoursesPage } from './pages/courses';
import { EnrolPage } from './pages/enrol';
import { NewLearnerPage } from './pages/learner-new';
import { NewPathwayPage } from './pages/pathway-new';
import { MyRecord } from './pages/my-record';
import { ParkedStreamsPage } from './pages/parked-streams';
import { WebhooksPage } from './pages/webhooks';
import { Link, match, navigate, useLocation } from './router';
import { PageHeading } from './components/ui';

interface Route {
  path: string;
  title: string;
  roles: Role[];
  /** Shown in the navigation (detail pages are not). */
  nav?: boolean;
  render: (params: Record<string, string>) => ReactNode;
}

const ROUTES: Route[] = [
  {
    path: '/board',
    title: 'Board queue',
    roles: ['registry', 'board', 'examiner'],
    nav: true,
    render: () => <BoardQueue />,
  },
  {
    path: '/moderation',
    title: 'Moderation',
    roles: ['registry', 'board', 'examiner'],
    nav: true,
    render: () => <ModerationQueue />,
  },
  { path: '/courses', title: 'Set up', roles: ['registry'], nav: true, render: () => <CoursesPage /> },
  { path: '/courses/new', title: 'Define a course', roles: ['registry'], render: () => <NewCoursePage /> },
  {
    path: '/courses/:id',
    title: 'Course',
    roles: ['registry'],
    render: ({ id }) => <CourseAdminPage courseId={id!} />,
  },
  { path: '/boards/new', title: 'Constitute a board', roles: ['registry'], render: () => <NewBoardPage /> },
  { path: '/pathways/new', title: 'Define a pathway', roles: ['registry'], render: () => <NewPathwayPage /> },
  { path: '/enrolments/new', title: 'Enrol a learner', roles: ['registry'], render: () => <EnrolPage /> },
  { path: '/learners', title: 'Learners', roles: ['registry'], nav: true, render: () => <LearnerDirectory /> },
  { path: '/learners/new', title: 'Register a learner', roles: ['registry'], render: () => <NewLearnerPage /> },
  {
    path: '/learners/:id',
    title: 'Learner record',
    roles: ['registry'],
    render: ({ id }) => <LearnerRecordPage learnerId={id!} />,
  },
  { path: '/monitoring', title: 'Monitoring', roles: ['registry'], nav: true, render: () => <MonitoringIndex /> },
  {
    path: '/monitoring/:id',
    title: 'Course monitoring',
    roles: ['registry'],
    render: ({ id }) => <CourseMonitoringPage courseId={id!} />,
  },
  {
    path: '/operations/parked',
    title: 'Parked streams',
    roles: ['registry'],
    nav: true,
    render: () => <ParkedStreamsPage />,
  },
  { path: '/appeals', title: 'Appeals', roles: ['registry'], nav: true, render: () => <AppealsPage /> },
  { path: '/webhooks', title: 'Webhooks', roles: ['registry'], nav: true, render: () => <WebhooksPage /> },
  { path: '/bulk', title: 'Bulk upload', roles: ['registry'], nav: true, render: () => <BulkUpload /> },
  { path: '/marking', title: 'Marking queue', roles: ['tutor'], nav: true, render: () => <MarkingQueue /> },
  {
    path: '/marking/results',
    title: 'Moderation results',
    roles: ['tutor'],
    nav: true,
    render: () => <ModerationResultsPage />,
  },
  { path: '/me', title: 'My record', roles: ['learner'], nav: true, render: () => <MyRecord /> },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIVE_LABEL: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Reconnecting…',
  paused: 'Paused',
};

const Shell = ({ session, signOut }: { session: Session; signOut: (reason?: string) => void }) => {
  const { path } = useLocation();
  const [liveStatus, setLiveStatus] = useState<LiveStatus>('connecting');
  const [announcement, setAnnouncement] = useState('');
  const listeners = useRef(new Set<(change: Change) => void>());

  useEffect(() => {
    // A hidden tab lets its stream go: browsers allow only six connections to a server (HTTP/1.1),
    // and each open stream holds one. On return it reconnects and the page refetches.
    let stream: LiveStream | null = null;
    let resuming = false;
    const connect = () => {
      stream?.stop();
      stream = new LiveStream(
        (change) => listeners.current.forEach((listener) => listener(change)),
        setLiveStatus,
        () => signOut('Your session has ended. Sign in again to carry on.'),
        resuming,
      );
      resuming = true;
      stream.start();
    };
    const visibility = () => {
      if (document.visibilityState === 'hidden') {
        stream?.stop();
        stream = null;
        setLiveStatus('paused');
      } else if (!stream) connect();
    };
    if (document.visibilityState !== 'hidden') connect();
    else setLiveStatus('paused');
    document.addEventListener('visibilitychange', visibility);
    return () => {
      document.removeEventListener('visibilitychange', visibility);
      stream?.stop();
    };
  }, [signOut]);

  const onChange = useCallback((listener: (change: Change) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const announce = useCallback((message: string) => {
    setAnnouncement('');
    setTimeout(() => setAnnouncement(message), 50);
  }, []);
  const context = useMemo<AppContextValue>(
    () => ({ session, liveStatus, onChange, signOut, announce }),
    [session, liveStatus, onChange, signOut, announce],
  );

  const mine = ROUTES.filter((route) => hasRole(session, ...route.roles));
  const home = mine.find((route) => route.nav)?.path;
  useEffect(() => {
    if (path === '/' && home) navigate(home, { replace: true });
  }, [path, home]);

  let page: ReactNode = null;
  let title = 'Page not found';
  for (const route of ROUTES) {
    const params = match(route.path, path);
    if (!params) continue;
    title = route.title;
    page = hasRole(session, ...route.roles) ? (
      route.render(params)
    ) : (
      <PageHeading lead="Your role does not give access to this page. Use the navigation to find your pages.">
        You cannot see this page
      </PageHeading>
    );
    break;
  }
  if (!page && path !== '/')
    page = (
      <PageHeading lead="Check the address, or use the navigation to find your pages.">Page not found</PageHeading>
    );
  useEffect(() => {
    document.title = `${title} · Credence`;
  }, [title]);

  return (
    <AppContext.Provider value={context}>
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <header className="masthead">
        <div className="masthead-inner">
          <Link to={home ?? '/'} className="brand">
            Credence <span className="brand-sub">learner records</span>
          </Link>
          <div className="session">
            <span className={`live live-${liveStatus}`} title="Pages update by themselves while this says Live">
              <span className="live-dot" aria-hidden="true" />
              {LIVE_LABEL[liveStatus]}
            </span>
            <span className="who">
              Signed in as{' '}
              <strong title={session.sub}>{UUID.test(session.sub) ? session.sub.slice(0, 8) : session.sub}</strong>{' '}
              <span className="who-roles">({session.roles.join(', ')})</span>
            </span>
            <button type="button" className="button button-quiet button-small" onClick={() => signOut()}>
              Sign out
            </button>
          </div>
        </div>
        <nav aria-label="Main" className="main-nav">
          <ul>
            {mine
              .filter((route) => route.nav)
              .map((route) => (
                <li key={route.path}>
                  <Link to={route.path} aria-current={match(route.path, path) ? 'page' : undefined}>
                    {route.title}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} key={path}>
        {page}
      </main>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
    </AppContext.Provider>
  );
};

/** Where "Sign in" goes (the configured provider, if any), and a sign-in coming back from it. */
const useSignInProvider = (adopt: (tokens: OidcTokens) => void, fail: (why: string) => void) => {
  const [provider, setProvider] = useState<OidcProvider | null | undefined>(undefined);
  useEffect(() => {
    const load = async () => {
      const { oidc } = await api<SignInOptionsView>('/v1/sign-in');
      const found = oidc ? await discover(oidc) : null;
      if (found && location.pathname === CALLBACK_PATH) {
        const back = new URL(location.href);
        navigate('/', { replace: true });
        adopt(await finishSignIn(found, back));
      }
      setProvider(found);
    };
    load().catch((error: unknown) => {
      setProvider(null);
      fail(`Signing in did not work: ${error instanceof Error ? error.message : String(error)}`);
    });
  }, [adopt, fail]);
  return provider;
};

/** The whole app: sign-in until there is a session, then the role's pages. */
export const App = () => {
  const [session, setSession] = useState<Session | null>(() => {
    const stored = loadSession();
    authenticateWith(stored?.token ?? null);
    return stored;
  });
  const [reason, setReason] = useState<string>();
  // The provider's tokens: in memory only (a pasted token is the developer option kept for the tab).
  const tokens = useRef<OidcTokens | null>(null);

  const adopt = useCallback((fresh: OidcTokens) => {
    const read = readToken(fresh.accessToken);
    if ('problem' in read) throw new Error(read.problem);
    tokens.current = fresh;
    authenticateWith(read.token);
    setReason(undefined);
    setSession(read);
  }, []);
  const provider = useSignInProvider(adopt, setReason);

  const signOut = useCallback(
    (why?: string) => {
      const ending = provider && tokens.current ? endSessionUrl(provider, tokens.current) : null;
      tokens.current = null;
      saveSession(null);
      authenticateWith(null);
      setReason(why);
      setSession(null);
      // Signing out on purpose ends the provider's session too; an expiry only asks to sign in again.
      if (ending && why === undefined) location.assign(ending);
    },
    [provider],
  );
  useEffect(() => whenUnauthorised(() => signOut('Your session has ended. Sign in again to carry on.')), [signOut]);

  // Silent renewal: a fresh access token before this one expires, with no page change.
  useEffect(() => {
    const delay = provider && tokens.current ? renewalDelayMs(session?.expiresAt ?? null) : null;
    if (delay === null || !provider || !tokens.current) return;
    const timer = setTimeout(() => {
      renew(provider, tokens.current!)
        .then(adopt)
        .catch(() => signOut('Your session could not be renewed. Sign in again to carry on.'));
    }, delay);
    return () => clearTimeout(timer);
  }, [session, provider, adopt, signOut]);

  if (provider === undefined && !session)
    return (
      <main id="main" className="sign-in" aria-busy="true">
        <p>Loading…</p>
      </main>
    );
  if (!session)
    return (
      <SignIn
        reason={reason}
        provider={provider ?? null}
        onSignedIn={(signedIn) => {
          saveSession(signedIn);
          authenticateWith(signedIn.token);
          setReason(undefined);
          setSession(signedIn);
          if (location.pathname === '/' || location.pathname === '/sign-in') navigate('/', { replace: true });
        }}
      />
    );
  return <Shell session={session} signOut={signOut} />;
};
