import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import {
  DISABLE_POLICY_FIELDS,
  EMPTY_FORM,
  type FieldIssue,
  type SubscriptionFormState,
  bodyFromForm,
  formFromSubscription,
} from '../subscription-form-model';
import { usePortal } from './context';
import { Field } from './field';
import { ErrorNote, toApiError, useLoad } from './ui';

const ACTIONS = ['created', 'updated', 'deleted'] as const;

const DISABLE_LABELS: Record<(typeof DISABLE_POLICY_FIELDS)[number][0], string> = {
  failureThreshold: 'Failures before a pause',
  windowMs: 'Failure window (ms)',
  pauseMs: 'Pause (ms)',
  disableAfterMs: 'Disable after failing for (ms)',
};

/** Create a subscription, or edit one (`id`): every setting the API takes, errors by field. */
export function SubscriptionForm({ id }: { id?: string }) {
  const { client, go, session } = usePortal();
  const existing = useLoad(
    () =>
      id ? client.get('/v1/subscriptions/{id}', { path: { id } }) : Promise.resolve(undefined),
    [id],
  );
  const catalogue = useLoad(() => client.get('/v1/event-types', { query: { limit: '100' } }), []);
  const [form, setForm] = useState<SubscriptionFormState>(EMPTY_FORM);
  const [extraTypes, setExtraTypes] = useState('');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ id: string; secret?: string }>();

  useEffect(() => {
    if (existing.data) setForm(formFromSubscription(existing.data));
  }, [existing.data]);

  const known = new Set((catalogue.data?.items ?? []).map((t) => t.name ?? ''));
  useEffect(() => {
    // Event types not in the catalogue (wildcards) are edited as text.
    if (existing.data && catalogue.data) {
      setExtraTypes(form.eventTypes.filter((t) => !known.has(t)).join(', '));
    }
  }, [existing.data, catalogue.data]);

  const set = <K extends keyof SubscriptionFormState>(key: K, value: SubscriptionFormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const messageFor = (field: string) =>
    issues.find((i) => i.field === field)?.message ?? error?.messageFor(field);
  /** The API's message about `disablePolicy.<sub>` (or about the whole policy, on its first field). */
  const policyMessage = (sub: string, first: boolean) => {
    const errors = error?.problem.errors ?? [];
    const exact = errors.find(
      (e) => /^[/$.]*disablePolicy[./]/.test(e.field ?? '') && (e.field ?? '').endsWith(sub),
    );
    if (exact) return exact.message;
    if (!first) return undefined;
    const whole = errors.find((e) => /^[/$.]*disablePolicy$/.test(e.field ?? ''));
    return whole?.message ?? issues.find((i) => i.field === 'disablePolicy')?.message;
  };

  const picked = form.eventTypes.filter((t) => known.has(t));
  const typed = extraTypes
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter(Boolean);
  const allTypes = [...new Set([...picked, ...typed])];

  const submit = async (event: Event) => {
    event.preventDefault();
    const { body, issues: found } = bodyFromForm({ ...form, eventTypes: allTypes }, Boolean(id));
    setIssues(found);
    setError(undefined);
    if (found.length > 0) return;
    setBusy(true);
    try {
      if (id) {
        await client.patch('/v1/subscriptions/{id}', { path: { id }, body });
        go({ name: 'subscription', id });
      } else {
        const answer = await client.post('/v1/subscriptions', { body });
        setCreated({ id: answer.id ?? '', secret: answer.secret });
      }
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    return (
      <section aria-labelledby="form-title">
        <h1 id="form-title">Subscription created</h1>
        <div class="panel" role="status">
          <p>
            Its signing secret is shown once here; you can reveal it again from the subscription.
          </p>
          {created.secret ? (
            <p>
              <code class="secret">{created.secret}</code>
            </p>
          ) : null}
          <button
            type="button"
            class="primary"
            onClick={() => go({ name: 'subscription', id: created.id })}
          >
            Open the subscription
          </button>
        </div>
      </section>
    );
  }

  const readOnly = session.readOnly;
  return (
    <section aria-labelledby="form-title">
      <h1 id="form-title">{id ? 'Edit subscription' : 'New subscription'}</h1>
      <ErrorNote error={existing.error ?? catalogue.error} />
      {readOnly ? <p class="notice">This portal link is read-only: nothing can be saved.</p> : null}
      <form class="grid" onSubmit={(e) => void submit(e)} noValidate aria-describedby="form-error">
        <Field id="f-url" label="Endpoint URL" error={messageFor('url')} wide>
          {(a) => (
            <input
              {...a}
              type="url"
              required
              value={form.url}
              placeholder="https://example.com/webhooks"
              onInput={(e) => set('url', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="f-description" label="Description" error={messageFor('description')} wide>
          {(a) => (
            <input
              {...a}
              value={form.description}
              onInput={(e) => set('description', e.currentTarget.value)}
            />
          )}
        </Field>
        <fieldset class="field wide" aria-describedby="f-types-error">
          <legend>Event types</legend>
          <div class="checks">
            {(catalogue.data?.items ?? []).map((t) => (
              <label key={t.name}>
                <input
                  type="checkbox"
                  checked={form.eventTypes.includes(t.name ?? '')}
                  onChange={(e) =>
                    set(
                      'eventTypes',
                      e.currentTarget.checked
                        ? [...form.eventTypes, t.name ?? '']
                        : form.eventTypes.filter((x) => x !== t.name),
                    )
                  }
                />{' '}
                {t.name}
                {t.description ? <span class="muted small"> — {t.description}</span> : null}
              </label>
            ))}
            {catalogue.data && catalogue.data.items.length === 0 ? (
              <span class="muted">The catalogue is empty: type the event types below.</span>
            ) : null}
          </div>
          <Field
            id="f-types"
            label="Other event types"
            hint="Comma-separated; * is a wildcard (order.*)"
            error={messageFor('eventTypes')}
          >
            {(a) => (
              <input
                {...a}
                value={extraTypes}
                onInput={(e) => setExtraTypes(e.currentTarget.value)}
              />
            )}
          </Field>
        </fieldset>
        <Field id="f-entity-type" label="Entity type" error={messageFor('entityType')}>
          {(a) => (
            <input
              {...a}
              value={form.entityType}
              onInput={(e) => set('entityType', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="f-entity-id" label="Entity id" error={messageFor('entityId')}>
          {(a) => (
            <input
              {...a}
              value={form.entityId}
              onInput={(e) => set('entityId', e.currentTarget.value)}
            />
          )}
        </Field>
        <fieldset class="field">
          <legend>Actions (none = every action)</legend>
          <div class="checks">
            {ACTIONS.map((action) => (
              <label key={action}>
                <input
                  type="checkbox"
                  checked={form.actions.includes(action)}
                  onChange={(e) =>
                    set(
                      'actions',
                      e.currentTarget.checked
                        ? [...form.actions, action]
                        : form.actions.filter((x) => x !== action),
                    )
                  }
                />{' '}
                {action}
              </label>
            ))}
          </div>
          {messageFor('actions') ? <p class="field-error">{messageFor('actions')}</p> : null}
        </fieldset>
        <Field
          id="f-triggers"
          label="Triggers"
          hint="Which source made the change (rest, import…); empty = every trigger"
          error={messageFor('triggers')}
        >
          {(a) => (
            <input
              {...a}
              value={form.triggers}
              onInput={(e) => set('triggers', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="f-condition"
          label="Condition"
          hint='A JSON filter on the event, e.g. {"data.total": {"$gt": 100}}'
          error={messageFor('condition')}
          wide
        >
          {(a) => (
            <textarea
              {...a}
              rows={3}
              value={form.condition}
              onInput={(e) => set('condition', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="f-format" label="Payload format" error={messageFor('payloadFormat')}>
          {(a) => (
            <select
              {...a}
              value={form.payloadFormat}
              onChange={(e) =>
                set(
                  'payloadFormat',
                  e.currentTarget.value as SubscriptionFormState['payloadFormat'],
                )
              }
            >
              <option value="herald">Herald envelope</option>
              <option value="cloudevents">CloudEvents</option>
              <option value="template">Template (JSONata)</option>
            </select>
          )}
        </Field>
        <Field id="f-content-type" label="Content type" error={messageFor('contentType')}>
          {(a) => (
            <select
              {...a}
              value={form.contentType}
              onChange={(e) =>
                set('contentType', e.currentTarget.value as SubscriptionFormState['contentType'])
              }
            >
              <option value="json">JSON</option>
              <option value="form">Form (application/x-www-form-urlencoded)</option>
            </select>
          )}
        </Field>
        {form.payloadFormat === 'template' ? (
          <>
            <Field
              id="f-template"
              label="Template"
              hint="A JSONata expression over the event: eventType.code, data.…"
              error={messageFor('payloadTemplate')}
              wide
            >
              {(a) => (
                <textarea
                  {...a}
                  rows={4}
                  value={form.payloadTemplate}
                  onInput={(e) => set('payloadTemplate', e.currentTarget.value)}
                />
              )}
            </Field>
            <TemplatePreview template={form.payloadTemplate} contentType={form.contentType} />
          </>
        ) : null}
        <Field
          id="f-timeout"
          label="Timeout (ms)"
          hint="100 to 60000"
          error={messageFor('timeoutMs')}
        >
          {(a) => (
            <input
              {...a}
              inputMode="numeric"
              value={form.timeoutMs}
              onInput={(e) => set('timeoutMs', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="f-success"
          label="Success statuses"
          hint="Codes or classes, e.g. 2xx, 410 (default 2xx)"
          error={messageFor('successRule')}
        >
          {(a) => (
            <input
              {...a}
              value={form.successStatuses}
              onInput={(e) => set('successStatuses', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="f-delays"
          label="Retry ladder"
          hint="Delays before each attempt, e.g. 0s, 30s, 5m, 1h"
          error={messageFor('retryPolicy')}
        >
          {(a) => (
            <input
              {...a}
              value={form.retryDelays}
              onInput={(e) => set('retryDelays', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="f-attempts" label="Maximum attempts" hint="1 to 50">
          {(a) => (
            <input
              {...a}
              inputMode="numeric"
              value={form.maxAttempts}
              onInput={(e) => set('maxAttempts', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="f-rate"
          label="Rate limit (deliveries per second)"
          hint="Empty = no limit"
          error={messageFor('rateLimitPerSecond')}
        >
          {(a) => (
            <input
              {...a}
              inputMode="numeric"
              value={form.rateLimitPerSecond}
              onInput={(e) => set('rateLimitPerSecond', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="f-concurrency"
          label="Concurrency limit"
          hint="Requests in flight at once, 1 to 1000"
          error={messageFor('maxConcurrency')}
        >
          {(a) => (
            <input
              {...a}
              inputMode="numeric"
              value={form.maxConcurrency}
              onInput={(e) => set('maxConcurrency', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="f-headers"
          label="Custom headers"
          hint="One Name: value a line, sent with every delivery (Herald's own headers and the credential's cannot be set here)"
          error={messageFor('headers')}
          wide
        >
          {(a) => (
            <textarea
              {...a}
              rows={3}
              spellcheck={false}
              value={form.customHeaders}
              onInput={(e) => set('customHeaders', e.currentTarget.value)}
            />
          )}
        </Field>
        <fieldset class="field wide">
          <legend>Disable policy</legend>
          <p class="hint">
            Pause after this many failures within the window, for the pause; disable after failing
            with no success for the last duration. Empty: Herald's defaults.
          </p>
          {DISABLE_POLICY_FIELDS.map(([api, input], i) => (
            <Field
              key={api}
              id={`f-disable-${api}`}
              label={DISABLE_LABELS[api]}
              error={policyMessage(api, i === 0)}
            >
              {(a) => (
                <input
                  {...a}
                  inputMode="numeric"
                  value={form[input]}
                  onInput={(e) => set(input, e.currentTarget.value)}
                />
              )}
            </Field>
          ))}
        </fieldset>
        <fieldset class="field">
          <legend>Canary</legend>
          <label>
            <input
              type="checkbox"
              checked={form.canaryEnabled}
              onChange={(e) => set('canaryEnabled', e.currentTarget.checked)}
            />{' '}
            Send a canary event while idle
          </label>
          <Field
            id="f-canary"
            label="Canary interval (ms)"
            hint="At least 60000"
            error={messageFor('canary')}
          >
            {(a) => (
              <input
                {...a}
                inputMode="numeric"
                value={form.canaryIntervalMs}
                onInput={(e) => set('canaryIntervalMs', e.currentTarget.value)}
              />
            )}
          </Field>
        </fieldset>
        <div class="field wide">
          <div id="form-error">
            <ErrorNote error={error} />
            {issues.length > 0 ? (
              <p class="error" role="alert">
                Check the highlighted fields.
              </p>
            ) : null}
          </div>
          <div class="actions">
            <button type="submit" class="primary" disabled={busy || readOnly}>
              {id ? 'Save changes' : 'Create subscription'}
            </button>
            <button
              type="button"
              onClick={() => go(id ? { name: 'subscription', id } : { name: 'subscriptions' })}
            >
              Cancel
            </button>
          </div>
        </div>
      </form>
    </section>
  );
}

/** The body a receiver would get for the sample event, rendered by the API as the user types. */
function TemplatePreview({ template, contentType }: { template: string; contentType: string }) {
  const { client } = usePortal();
  const [shown, setShown] = useState<{ body?: string; error?: ApiError }>({});
  useEffect(() => {
    if (!template.trim()) {
      setShown({});
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      client
        .post('/v1/payload-formats/preview', {
          body: { template, contentType: contentType as 'json' | 'form' },
        })
        .then(
          (answer) => current && setShown({ body: answer.body }),
          (e: unknown) => current && setShown({ error: toApiError(e) }),
        );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [template, contentType, client]);
  return (
    <div class="field wide" aria-live="polite">
      <span class="label">Preview (a sample event)</span>
      {shown.error ? <ErrorNote error={shown.error} /> : null}
      {shown.body !== undefined ? <pre data-testid="template-preview">{shown.body}</pre> : null}
    </div>
  );
}
