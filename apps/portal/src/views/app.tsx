import { useMemo, useState } from 'preact/hooks';
import { ApiError, HeraldClient } from '../api/client';
import { localTime } from '../format';
import { bootstrapToken, forgetToken } from '../session';
import { PortalContext, type View } from './context';
import { DeliveryDetail, DeliveryLog } from './deliveries';
import { RecoveryView } from './recovery';
import { SubscriptionDetail } from './subscription-detail';
import { SubscriptionForm } from './subscription-form';
import { SubscriptionList } from './subscriptions';
import { ErrorNote, useLoad } from './ui';

const TABS: { name: View['name']; label: string }[] = [
  { name: 'subscriptions', label: 'Subscriptions' },
  { name: 'deliveries', label: 'Deliveries' },
  { name: 'recovery', label: 'Recovery' },
];

function Ended({ problem }: { problem?: string }) {
  return (
    <main id="main" class="ended">
      <h1>Herald portal</h1>
      <p role="alert">
        This portal link has expired or was revoked{problem ? ` (${problem})` : ''}. Ask for a new
        link where you found this one.
      </p>
    </main>
  );
}

export function App() {
  const [token] = useState(() =>
    bootstrapToken({ location: window.location, history: window.history, storage: sessionStorage }),
  );
  const [ended, setEnded] = useState<string>();
  const client = useMemo(
    () =>
      token
        ? new HeraldClient(
            token,
            (url, init) => fetch(url, init),
            (p) => setEnded(p.detail),
          )
        : undefined,
    [token],
  );
  if (!client) {
    return (
      <main id="main" class="ended">
        <h1>Herald portal</h1>
        <p role="alert">
          Open this page through a portal link: your service&apos;s backend creates one with{' '}
          <code>POST /v1/portal-sessions</code>.
        </p>
      </main>
    );
  }
  if (ended !== undefined) return <Ended problem={ended} />;
  return <Portal client={client} onEnd={(why) => setEnded(why)} />;
}

function Portal({ client, onEnd }: { client: HeraldClient; onEnd(why: string): void }) {
  const session = useLoad(() => client.get('/v1/portal-sessions/current'), [client]);
  const [view, setView] = useState<View>({ name: 'subscriptions' });
  const portal = useMemo(
    () => (session.data ? { client, session: session.data, go: setView } : undefined),
    [client, session.data],
  );
  if (session.error) {
    if (session.error.status === 401) return <Ended problem={session.error.problem.detail} />;
    return (
      <main id="main">
        <ErrorNote error={session.error} />
      </main>
    );
  }
  if (!portal) return <main id="main" aria-busy="true" />;
  const end = async () => {
    await client
      .delete('/v1/portal-sessions/{id}', { path: { id: portal.session.id } })
      .catch((e: unknown) => {
        if (!(e instanceof ApiError)) throw e;
      });
    forgetToken(sessionStorage);
    onEnd('you ended this session');
  };
  return (
    <PortalContext.Provider value={portal}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true">
            ✉
          </span>{' '}
          Herald <span class="muted">portal</span>
        </div>
        <p class="who">
          Tenant <strong>{portal.session.tenantId}</strong>
          {portal.session.readOnly ? (
            <span class="badge" title="This link cannot change anything">
              read-only
            </span>
          ) : null}
          {portal.session.subscriptionIds ? (
            <span class="badge">{portal.session.subscriptionIds.length} subscription(s)</span>
          ) : null}
          <span class="muted"> · until {localTime(portal.session.expiresAt)}</span>
          <button type="button" class="link" onClick={() => void end()}>
            End session
          </button>
        </p>
        <nav aria-label="Portal sections">
          {TABS.map((tab) => (
            <button
              type="button"
              key={tab.name}
              class="tab"
              aria-current={sectionOf(view) === tab.name ? 'page' : undefined}
              onClick={() => setView({ name: tab.name } as View)}
            >
              {tab.label}
            </button>
          ))}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Route view={view} />
      </main>
    </PortalContext.Provider>
  );
}

function sectionOf(view: View): View['name'] {
  if (view.name === 'subscription' || view.name === 'edit') return 'subscriptions';
  if (view.name === 'delivery') return 'deliveries';
  return view.name;
}

function Route({ view }: { view: View }) {
  switch (view.name) {
    case 'subscriptions':
      return <SubscriptionList />;
    case 'subscription':
      return <SubscriptionDetail key={view.id} id={view.id} />;
    case 'edit':
      return <SubscriptionForm key={view.id ?? 'new'} id={view.id} />;
    case 'deliveries':
      return <DeliveryLog subscriptionId={view.subscriptionId} />;
    case 'delivery':
      return <DeliveryDetail key={view.id} id={view.id} />;
    case 'recovery':
      return <RecoveryView subscriptionId={view.subscriptionId} />;
  }
}
