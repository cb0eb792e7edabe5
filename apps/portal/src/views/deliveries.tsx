import { useState } from 'preact/hooks';
import type { Schemas } from '../api/client';
import { duration, isoFromLocalInput, localTime } from '../format';
import { usePortal } from './context';
import { Field } from './field';
import { ActionButton, ErrorNote, Notice, useLoad } from './ui';

type Delivery = Schemas['Delivery'];
const STATUSES = ['', 'pending', 'held', 'succeeded', 'failed', 'dead'] as const;

interface Filter {
  status: string;
  eventType: string;
  subscriptionId: string;
  since: string;
  until: string;
}

/** The delivery log: filter by status, event type, subscription and time; page by page. */
export function DeliveryLog({ subscriptionId }: { subscriptionId?: string }) {
  const { client, go } = usePortal();
  const [draft, setDraft] = useState<Filter>({
    status: '',
    eventType: '',
    subscriptionId: subscriptionId ?? '',
    since: '',
    until: '',
  });
  const [filter, setFilter] = useState(draft);
  const [cursor, setCursor] = useState<string>();
  const [previous, setPrevious] = useState<(string | undefined)[]>([]);
  const page = useLoad(
    () =>
      client.get('/v1/deliveries', {
        query: {
          limit: '25',
          cursor,
          status: filter.status || undefined,
          eventType: filter.eventType.trim() || undefined,
          subscriptionId: filter.subscriptionId.trim() || undefined,
          since: isoFromLocalInput(filter.since),
          until: isoFromLocalInput(filter.until),
        },
      }),
    [filter, cursor],
  );
  const apply = (event: Event) => {
    event.preventDefault();
    setCursor(undefined);
    setPrevious([]);
    setFilter({ ...draft });
  };
  const set = (key: keyof Filter, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  return (
    <section aria-labelledby="deliveries-title">
      <div class="heading">
        <h1 id="deliveries-title">Deliveries</h1>
        <button type="button" onClick={() => page.reload()}>
          Refresh
        </button>
      </div>
      <form class="filters" onSubmit={apply} aria-label="Filter deliveries">
        <Field id="d-status" label="Status">
          {(a) => (
            <select
              {...a}
              value={draft.status}
              onChange={(e) => set('status', e.currentTarget.value)}
            >
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s || 'any'}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="d-type" label="Event type">
          {(a) => (
            <input
              {...a}
              value={draft.eventType}
              onInput={(e) => set('eventType', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="d-sub" label="Subscription id">
          {(a) => (
            <input
              {...a}
              value={draft.subscriptionId}
              onInput={(e) => set('subscriptionId', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="d-since" label="From">
          {(a) => (
            <input
              {...a}
              type="datetime-local"
              value={draft.since}
              onInput={(e) => set('since', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="d-until" label="Until">
          {(a) => (
            <input
              {...a}
              type="datetime-local"
              value={draft.until}
              onInput={(e) => set('until', e.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit" class="primary">
          Apply filters
        </button>
      </form>
      <ErrorNote error={page.error} />
      {page.data && page.data.items.length === 0 ? <p class="empty">No deliveries match.</p> : null}
      {page.data && page.data.items.length > 0 ? (
        <div class="table-wrap">
          <table class="deliveries">
            <caption class="sr-only">Deliveries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Event type</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last response</th>
              </tr>
            </thead>
            <tbody>
              {page.data.items.map((d) => (
                <DeliveryRow
                  key={d.id}
                  d={d}
                  open={() => go({ name: 'delivery', id: d.id ?? '' })}
                />
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

function DeliveryRow({ d, open }: { d: Delivery; open: () => void }) {
  return (
    <tr>
      <td>
        <a
          href={`#delivery-${d.id}`}
          onClick={(e) => {
            e.preventDefault();
            open();
          }}
        >
          {localTime(d.createdAt)}
        </a>
      </td>
      <td>{d.eventType}</td>
      <td>
        <span class={`status status-${d.status}`}>{d.status}</span>
      </td>
      <td>{d.attempts}</td>
      <td>
        {d.lastStatusCode ?? ''} {d.lastError ? <span class="muted">{d.lastError}</span> : null}
      </td>
    </tr>
  );
}

/** One delivery with every attempt: response status, headers, capped body, duration, error. */
export function DeliveryDetail({ id }: { id: string }) {
  const { client, go, session } = usePortal();
  const delivery = useLoad(() => client.get('/v1/deliveries/{id}', { path: { id } }), [id]);
  const [notice, setNotice] = useState<string>();
  if (delivery.error) return <ErrorNote error={delivery.error} />;
  const d = delivery.data;
  if (!d) return <p aria-busy="true">Loading…</p>;
  return (
    <section aria-labelledby="delivery-title">
      <p>
        <button type="button" class="link" onClick={() => go({ name: 'deliveries' })}>
          ← Delivery log
        </button>
      </p>
      <h1 id="delivery-title">
        Delivery <code>{d.id}</code>
      </h1>
      <dl class="facts panel">
        <dt>Status</dt>
        <dd>
          <span class={`status status-${d.status}`} data-testid="delivery-status">
            {d.status}
          </span>
        </dd>
        <dt>Event</dt>
        <dd>
          {d.eventType} <code class="muted">{d.eventId}</code>
        </dd>
        <dt>Subscription</dt>
        <dd>
          <button
            type="button"
            class="link"
            onClick={() => go({ name: 'subscription', id: d.subscriptionId ?? '' })}
          >
            {d.subscriptionId}
          </button>
        </dd>
        <dt>Created</dt>
        <dd>{localTime(d.createdAt)}</dd>
      </dl>
      {notice ? <Notice>{notice}</Notice> : null}
      <div class="actions">
        <ActionButton
          label="Retry"
          disabled={session.readOnly}
          action={() => client.post('/v1/deliveries/{id}/retry', { path: { id } })}
          onDone={() => {
            setNotice('Sent again: a new attempt follows shortly.');
            delivery.reload();
          }}
        />
        <button type="button" onClick={() => delivery.reload()}>
          Refresh
        </button>
      </div>
      <h2>Attempts</h2>
      {(d.attemptLog ?? []).length === 0 ? <p class="empty">No attempt yet.</p> : null}
      <ol class="attempts">
        {(d.attemptLog ?? []).map((a) => (
          <li key={`${a.attempt}-${a.attemptedAt}`} class="panel attempt">
            <h3>
              Attempt {a.attempt}: <span class={`status status-${a.outcome}`}>{a.outcome}</span>{' '}
              {a.statusCode ? `HTTP ${a.statusCode}` : null}
            </h3>
            <dl class="facts">
              <dt>At</dt>
              <dd>{localTime(a.attemptedAt)}</dd>
              <dt>Duration</dt>
              <dd>{duration(a.latencyMs)}</dd>
              {a.errorClass || a.errorMessage ? (
                <>
                  <dt>Error</dt>
                  <dd class="error-text">
                    {a.errorClass} {a.errorMessage}
                  </dd>
                </>
              ) : null}
            </dl>
            {a.requestHeaders ? (
              <details data-testid="request-headers">
                <summary>Request headers (credentials redacted)</summary>
                <pre>
                  {Object.entries(a.requestHeaders)
                    .map(([k, v]) => `${k}: ${v}`)
                    .join('\n')}
                </pre>
              </details>
            ) : null}
            {a.requestBody ? (
              <details data-testid="request-body">
                <summary>Request body (capped)</summary>
                <pre>{a.requestBody}</pre>
              </details>
            ) : null}
            {a.responseHeaders ? (
              <details>
                <summary>Response headers</summary>
                <pre>
                  {Object.entries(a.responseHeaders as Record<string, string>)
                    .map(([k, v]) => `${k}: ${v}`)
                    .join('\n')}
                </pre>
              </details>
            ) : null}
            {a.responseBody ? (
              <details open>
                <summary>Response body (capped)</summary>
                <pre>{a.responseBody}</pre>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
