import { useState } from 'preact/hooks';
import type { Schemas } from '../api/client';
import { localTime, percent, stateLabel, stateOf } from '../format';
import { usePortal } from './context';
import { ErrorNote, useLoad } from './ui';

type Subscription = Schemas['Subscription'];

/** Every subscription of the session (a limited session sees only its own), page by page. */
export function SubscriptionList() {
  const { client, session, go } = usePortal();
  const [cursor, setCursor] = useState<string>();
  const [previous, setPrevious] = useState<(string | undefined)[]>([]);
  const page = useLoad(
    () => client.get('/v1/subscriptions', { query: { limit: '20', cursor } }),
    [client, cursor],
  );
  return (
    <section aria-labelledby="subscriptions-title">
      <div class="heading">
        <h1 id="subscriptions-title">Subscriptions</h1>
        {session.readOnly || session.subscriptionIds ? null : (
          <button type="button" class="primary" onClick={() => go({ name: 'edit' })}>
            New subscription
          </button>
        )}
      </div>
      <ErrorNote error={page.error} />
      {page.data && page.data.items.length === 0 ? (
        <p class="empty">No subscriptions yet.</p>
      ) : null}
      {page.data && page.data.items.length > 0 ? (
        <div class="table-wrap">
          <table class="subscriptions">
            <caption class="sr-only">
              Subscriptions with state, success rate and last attempt
            </caption>
            <thead>
              <tr>
                <th scope="col">Endpoint</th>
                <th scope="col">Event types</th>
                <th scope="col">State</th>
                <th scope="col">Success rate</th>
                <th scope="col">Last attempt</th>
              </tr>
            </thead>
            <tbody>
              {page.data.items.map((s) => (
                <SubscriptionRow key={s.id} subscription={s} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div class="pager">
        <button
          type="button"
          disabled={previous.length === 0}
          onClick={() => {
            setCursor(previous[previous.length - 1]);
            setPrevious(previous.slice(0, -1));
          }}
        >
          Previous page
        </button>
        <button
          type="button"
          disabled={!page.data?.nextCursor}
          onClick={() => {
            setPrevious([...previous, cursor]);
            setCursor(page.data?.nextCursor ?? undefined);
          }}
        >
          Next page
        </button>
      </div>
    </section>
  );
}

function SubscriptionRow({ subscription: s }: { subscription: Subscription }) {
  const { client, go } = usePortal();
  const id = s.id ?? '';
  const stats = useLoad(() => client.get('/v1/subscriptions/{id}/stats', { path: { id } }), [id]);
  const last = useLoad(
    () => client.get('/v1/deliveries', { query: { subscriptionId: id, limit: '1' } }),
    [id],
  );
  const lastDelivery = last.data?.items[0];
  return (
    <tr>
      <td>
        <a
          href={`#subscription-${id}`}
          onClick={(e) => {
            e.preventDefault();
            go({ name: 'subscription', id });
          }}
        >
          {s.url}
        </a>
        {s.description ? <div class="muted small">{s.description}</div> : null}
      </td>
      <td>{(s.eventTypes ?? []).join(', ')}</td>
      <td>
        <span class={`state state-${stateOf(s)}`}>{stateLabel(s)}</span>
      </td>
      <td>{stats.data ? percent(stats.data.deliveries?.successRate) : '…'}</td>
      <td>
        {lastDelivery ? (
          <>
            {localTime(lastDelivery.lastAttemptAt ?? lastDelivery.createdAt)}{' '}
            <span class={`status status-${lastDelivery.status}`}>{lastDelivery.status}</span>
          </>
        ) : last.data ? (
          'never'
        ) : (
          '…'
        )}
      </td>
    </tr>
  );
}
