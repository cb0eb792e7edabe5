import { useState } from 'preact/hooks';
import { localTime } from '../format';
import { usePortal } from './context';
import { Field } from './field';
import { HeldEvents } from './held-events';
import { ReplayJobs } from './replay-jobs';
import { ActionButton, ErrorNote, Notice, useLoad } from './ui';

/** Dead letters with redrive (one, a selection, all matching); replay; held events. */
export function RecoveryView({ subscriptionId }: { subscriptionId?: string }) {
  const [draft, setDraft] = useState(subscriptionId ?? '');
  const [filter, setFilter] = useState(subscriptionId ?? '');
  return (
    <section aria-labelledby="recovery-title">
      <h1 id="recovery-title">Recovery</h1>
      <form
        class="filters"
        aria-label="Choose a subscription"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(draft.trim());
        }}
      >
        <Field id="r-sub" label="Subscription id" hint="Empty: every subscription (dead letters)">
          {(a) => <input {...a} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />}
        </Field>
        <button type="submit" class="primary">
          Show
        </button>
      </form>
      <DeadLetters key={`dl-${filter}`} subscriptionId={filter || undefined} />
      {filter ? (
        <>
          <ReplayJobs key={`rp-${filter}`} subscriptionId={filter} />
          <HeldEvents key={`held-${filter}`} subscriptionId={filter} withReactivate />
        </>
      ) : (
        <p class="muted">Name a subscription to replay its events or see its held events.</p>
      )}
    </section>
  );
}

function DeadLetters({ subscriptionId }: { subscriptionId?: string }) {
  const { client, session, go } = usePortal();
  const [includeRedriven, setIncludeRedriven] = useState(false);
  const [cursor, setCursor] = useState<string>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string>();
  const page = useLoad(
    () =>
      client.get('/v1/dead-letters', {
        query: {
          subscriptionId,
          includeRedriven: includeRedriven ? 'true' : undefined,
          limit: '25',
          cursor,
        },
      }),
    [subscriptionId, includeRedriven, cursor],
  );
  const items = page.data?.items ?? [];
  const done = (r: unknown) => {
    const n = (r as { redriven?: number }).redriven ?? 0;
    setNotice(`Redriven: ${n} dead letter${n === 1 ? '' : 's'} sent again.`);
    setSelected(new Set());
    page.reload();
  };
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  return (
    <div class="panel">
      <div class="heading">
        <h2>Dead letters</h2>
        <label>
          <input
            type="checkbox"
            checked={includeRedriven}
            onChange={(e) => setIncludeRedriven(e.currentTarget.checked)}
          />{' '}
          include redriven
        </label>
      </div>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorNote error={page.error} />
      {page.data && items.length === 0 ? <p class="empty">No dead letters.</p> : null}
      {items.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">Dead letters, newest first</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span class="sr-only">Select</span>
                </th>
                <th scope="col">Dead since</th>
                <th scope="col">Delivery</th>
                <th scope="col">Reason</th>
                <th scope="col">Redriven</th>
                <th scope="col">
                  <span class="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => {
                const id = d.deliveryId ?? '';
                return (
                  <tr key={id}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select ${id}`}
                        checked={selected.has(id)}
                        disabled={session.readOnly}
                        onChange={(e) => toggle(id, e.currentTarget.checked)}
                      />
                    </td>
                    <td>{localTime(d.createdAt)}</td>
                    <td>
                      <button
                        type="button"
                        class="link"
                        onClick={() => go({ name: 'delivery', id })}
                      >
                        {id}
                      </button>
                    </td>
                    <td>{d.reason}</td>
                    <td>{d.redrivenAt ? localTime(d.redrivenAt) : 'no'}</td>
                    <td>
                      <ActionButton
                        label="Redrive"
                        disabled={session.readOnly || Boolean(d.redrivenAt)}
                        action={() =>
                          client.post('/v1/dead-letters/redrive', { body: { deliveryIds: [id] } })
                        }
                        onDone={done}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <div class="actions">
        <ActionButton
          label={`Redrive selected (${selected.size})`}
          disabled={session.readOnly || selected.size === 0}
          action={() =>
            client.post('/v1/dead-letters/redrive', { body: { deliveryIds: [...selected] } })
          }
          onDone={done}
        />
        <ActionButton
          label={subscriptionId ? 'Redrive all of this subscription' : 'Redrive all'}
          disabled={session.readOnly || items.length === 0}
          confirm={`Send every dead letter${subscriptionId ? ' of this subscription' : ''} again (up to 1000)?`}
          action={() =>
            client.post('/v1/dead-letters/redrive', {
              body: { ...(subscriptionId ? { subscriptionId } : {}), limit: 1000 },
            })
          }
          onDone={done}
        />
        <button
          type="button"
          disabled={!page.data?.nextCursor}
          onClick={() => setCursor(page.data?.nextCursor ?? undefined)}
        >
          Next page
        </button>
      </div>
    </div>
  );
}
