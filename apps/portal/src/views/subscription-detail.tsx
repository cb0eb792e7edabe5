import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { Schemas } from '../api/client';
import { duration, localTime, percent, stateLabel, stateOf } from '../format';
import { AttemptChart } from './chart';
import { usePortal } from './context';
import { HeldEvents } from './held-events';
import { DeliverySecurity } from './delivery-security';
import { ActionButton, ErrorNote, Notice, useLoad } from './ui';

type Subscription = Schemas['Subscription'];

/** One subscription: its settings, state, actions, secrets and chart. */
export function SubscriptionDetail({ id }: { id: string }) {
  const { client, go, session } = usePortal();
  const sub = useLoad(() => client.get('/v1/subscriptions/{id}', { path: { id } }), [id]);
  const stats = useLoad(() => client.get('/v1/subscriptions/{id}/stats', { path: { id } }), [id]);
  const [notice, setNotice] = useState<string>();
  const [version, setVersion] = useState(0);
  const readOnly = session.readOnly;
  const changed = (what: string) => () => {
    setNotice(what);
    setVersion((v) => v + 1);
    sub.reload();
    stats.reload();
  };
  if (sub.error) return <ErrorNote error={sub.error} />;
  const s = sub.data;
  if (!s) return <p aria-busy="true">Loading…</p>;
  const state = stateOf(s);
  return (
    <section aria-labelledby="sub-title">
      <p>
        <button type="button" class="link" onClick={() => go({ name: 'subscriptions' })}>
          ← All subscriptions
        </button>
      </p>
      <h1 id="sub-title" class="break">
        {s.url}
      </h1>
      <p>
        <span class={`state state-${state}`} data-testid="subscription-state">
          {stateLabel(s)}
        </span>
        {stats.data ? (
          <span class="muted">
            {' '}
            · success rate {percent(stats.data.deliveries?.successRate)} over{' '}
            {stats.data.deliveries?.total ?? 0} deliveries
          </span>
        ) : null}
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      <div class="actions">
        <button
          type="button"
          disabled={readOnly}
          onClick={() => go({ name: 'edit', id })}
          title={readOnly ? 'This portal link is read-only' : undefined}
        >
          Edit
        </button>
        {state === 'active' ? (
          <ActionButton
            label="Pause"
            disabled={readOnly}
            action={() =>
              client.patch('/v1/subscriptions/{id}', { path: { id }, body: { active: false } })
            }
            onDone={changed('Paused: new events are held until you reactivate it.')}
          />
        ) : (
          <ActionButton
            label="Reactivate"
            disabled={readOnly}
            action={() => client.post('/v1/subscriptions/{id}/activate', { path: { id } })}
            onDone={changed('Reactivated: its held events are released, oldest first.')}
          />
        )}
        <ActionButton
          label="Send test event"
          disabled={readOnly}
          action={() => client.post('/v1/subscriptions/{id}/test', { path: { id } })}
          onDone={(r) =>
            changed(
              `Test event sent (delivery ${(r as { deliveryId?: string }).deliveryId ?? ''}).`,
            )()
          }
        />
        <button type="button" onClick={() => go({ name: 'deliveries', subscriptionId: id })}>
          Its deliveries
        </button>
        <button type="button" onClick={() => go({ name: 'recovery', subscriptionId: id })}>
          Dead letters and replay
        </button>
        <ActionButton
          label="Delete"
          danger
          disabled={readOnly}
          confirm="Delete this subscription? Its deliveries stop at once."
          action={() => client.delete('/v1/subscriptions/{id}', { path: { id } })}
          onDone={() => go({ name: 'subscriptions' })}
        />
      </div>
      <Settings s={s} />
      <HeldEvents key={`held-${version}`} subscriptionId={id} />
      <Secrets s={s} onRotated={changed('Secret rotated.')} />
      <DeliverySecurity
        key={`${s.id}-${s.revision}`}
        s={s}
        onSaved={changed('Signatures and authentication saved.')}
      />
      <div class="panel">
        <h2>Attempts over time</h2>
        <AttemptChart subscriptionId={id} />
      </div>
    </section>
  );
}

function Settings({ s }: { s: Subscription }) {
  const rule = s.successRule as { statuses?: string[]; body?: unknown } | undefined;
  const rows: [string, string][] = [
    ['Id', s.id ?? ''],
    ['Description', s.description ?? '—'],
    ['Event types', (s.eventTypes ?? []).join(', ')],
    ['Entity', [s.entityType, s.entityId].filter(Boolean).join(' / ') || 'any'],
    ['Actions', (s.actions ?? []).join(', ') || 'every action'],
    ['Triggers', (s.triggers ?? []).join(', ') || 'every trigger'],
    ['Condition', s.condition ? JSON.stringify(s.condition) : 'none'],
    [
      'Payload',
      `${s.payloadFormat ?? 'herald'}${s.payloadFormatName ? ` (${s.payloadFormatName})` : ''}, ${s.contentType ?? 'json'}`,
    ],
    ['Timeout', duration(s.timeoutMs)],
    [
      'Success rule',
      (rule?.statuses ?? ['2xx']).join(', ') +
        (rule?.body ? ` and body ${JSON.stringify(rule.body)}` : ''),
    ],
    [
      'Retry ladder',
      `${(s.retryPolicy?.delays ?? []).join(', ')} (at most ${s.retryPolicy?.maxAttempts ?? '?'} attempts)`,
    ],
    ['Rate limit', s.rateLimitPerSecond ? `${s.rateLimitPerSecond} per second` : 'none'],
    ['Concurrency', String(s.maxConcurrency ?? '—')],
    ['Canary', s.canary?.enabled ? `every ${duration(s.canary.intervalMs)}` : 'off'],
    ['Created', localTime(s.createdAt)],
  ];
  return (
    <div class="panel">
      <h2>Settings</h2>
      <dl class="facts">
        {rows.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </div>
  );
}

const OVERLAPS: [string, number][] = [
  ['1 hour', 3_600_000],
  ['24 hours', 86_400_000],
  ['7 days', 7 * 86_400_000],
  ['none (the old secret stops at once)', 0],
];

function Secrets({ s, onRotated }: { s: Subscription; onRotated: () => void }) {
  const { client, session } = usePortal();
  const id = s.id ?? '';
  const [revealed, setRevealed] = useState<string>();
  const [overlap, setOverlap] = useState(OVERLAPS[0][1]);
  const secrets = s.signing?.secrets ?? [];
  return (
    <div class="panel">
      <h2>Signing secrets</h2>
      <table>
        <caption class="sr-only">Signing secrets of this subscription</caption>
        <thead>
          <tr>
            <th scope="col">Fingerprint</th>
            <th scope="col">Expires</th>
          </tr>
        </thead>
        <tbody>
          {secrets.map((secret) => (
            <tr key={secret.fingerprint}>
              <td>
                <code>{secret.fingerprint}</code>
              </td>
              <td data-testid="secret-expiry">
                {secret.expiresAt ? localTime(secret.expiresAt) : 'current (never)'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {revealed ? (
        <p>
          Current secret:{' '}
          <code class="secret" data-testid="revealed-secret">
            {revealed}
          </code>{' '}
          <button type="button" class="link" onClick={() => setRevealed(undefined)}>
            Hide
          </button>
        </p>
      ) : null}
      <div class="actions">
        <ActionButton
          label="Reveal secret"
          disabled={session.readOnly}
          action={() => client.get('/v1/subscriptions/{id}/secret', { path: { id } })}
          onDone={(r) => setRevealed((r as { secret?: string }).secret)}
        />
        <span class="field inline">
          <label for="overlap">Overlap</label>
          <select
            id="overlap"
            value={overlap}
            disabled={session.readOnly}
            onChange={(e) => setOverlap(Number(e.currentTarget.value))}
          >
            {OVERLAPS.map(([label, ms]) => (
              <option key={ms} value={ms}>
                {label}
              </option>
            ))}
          </select>
        </span>
        <ActionButton
          label="Rotate secret"
          disabled={session.readOnly}
          confirm="Rotate the signing secret? Receivers need the new one before the overlap ends."
          action={() =>
            client.post('/v1/subscriptions/{id}/rotate-secret', {
              path: { id },
              body: { overlapMs: overlap },
            })
          }
          onDone={(r) => {
            setRevealed((r as { secret?: string }).secret);
            onRotated();
          }}
        />
      </div>
    </div>
  );
}
