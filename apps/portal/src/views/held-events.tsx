import { useState } from 'preact/hooks';
import { localTime, stateOf } from '../format';
import { usePortal } from './context';
import { ActionButton, ErrorNote, Notice, useLoad } from './ui';

/**
 * The deliveries a paused, disabled or inactive subscription holds (`GET
 * /v1/subscriptions/{id}/held`): how many, the oldest, a page oldest first (the release order);
 * discard them all with a confirmation. With `withReactivate` (the recovery view) it also offers
 * to reactivate the subscription, which releases them.
 */
export function HeldEvents({
  subscriptionId,
  withReactivate = false,
}: {
  subscriptionId: string;
  withReactivate?: boolean;
}) {
  const { client, session, go } = usePortal();
  const [cursor, setCursor] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const held = useLoad(
    () =>
      client.get('/v1/subscriptions/{id}/held', {
        path: { id: subscriptionId },
        query: { limit: '25', cursor },
      }),
    [subscriptionId, cursor],
  );
  const sub = useLoad(
    () =>
      withReactivate
        ? client.get('/v1/subscriptions/{id}', { path: { id: subscriptionId } })
        : Promise.resolve(undefined),
    [subscriptionId, withReactivate],
  );
  const count = held.data?.count ?? 0;
  const items = held.data?.items ?? [];
  const readOnly = session.readOnly;
  const readOnlyTitle = readOnly ? 'This portal link is read-only' : undefined;
  const reload = () => {
    setCursor(undefined);
    held.reload();
    sub.reload();
  };
  return (
    <section class="panel" aria-labelledby={`held-title-${subscriptionId}`}>
      <h2 id={`held-title-${subscriptionId}`}>
        Held events{' '}
        {held.data ? (
          <span class="count" data-testid="held-count">
            ({count})
          </span>
        ) : null}
      </h2>
      <p class="muted">
        Events that match while the subscription is paused, disabled or inactive are held, not sent.
        They are released automatically, oldest first, when it is reactivated.
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorNote error={held.error} />
      {held.data && count === 0 ? <p class="empty">Nothing is held.</p> : null}
      {count > 0 ? (
        <p>
          {count} held event{count === 1 ? '' : 's'}, the oldest since{' '}
          {localTime(held.data?.oldest)}.
        </p>
      ) : null}
      {items.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">Held events, oldest first (the order of release)</caption>
            <thead>
              <tr>
                <th scope="col">Held since</th>
                <th scope="col">Event type</th>
                <th scope="col">Event</th>
                <th scope="col">Delivery</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td>{localTime(d.createdAt)}</td>
                  <td>{d.eventType}</td>
                  <td>
                    <code class="muted">{d.eventId}</code>
                  </td>
                  <td>
                    <button
                      type="button"
                      class="link"
                      onClick={() => go({ name: 'delivery', id: d.id ?? '' })}
                    >
                      {d.id}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div class="actions">
        {sub.data && stateOf(sub.data) !== 'active' ? (
          <ActionButton
            label="Reactivate"
            disabled={readOnly}
            title={readOnlyTitle}
            action={() =>
              client.post('/v1/subscriptions/{id}/activate', { path: { id: subscriptionId } })
            }
            onDone={() => {
              setNotice('Reactivated: the held events are released, oldest first.');
              reload();
            }}
          />
        ) : null}
        <ActionButton
          label="Discard held events"
          danger
          disabled={readOnly || count === 0}
          title={readOnlyTitle}
          confirm={`Discard all ${count} held event${count === 1 ? '' : 's'}? They will never be sent, also not after reactivation.`}
          action={() =>
            client.delete('/v1/subscriptions/{id}/held', { path: { id: subscriptionId } })
          }
          onDone={(r) => {
            const n = (r as { discarded?: number }).discarded ?? 0;
            setNotice(`Discarded: ${n} held event${n === 1 ? '' : 's'}.`);
            reload();
          }}
        />
        <button type="button" onClick={reload}>
          Refresh held events
        </button>
        <button
          type="button"
          disabled={!held.data?.nextCursor}
          onClick={() => setCursor(held.data?.nextCursor ?? undefined)}
        >
          Next held page
        </button>
      </div>
    </section>
  );
}
