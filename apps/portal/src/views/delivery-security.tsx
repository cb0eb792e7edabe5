import { useState } from 'preact/hooks';
import type { Schemas } from '../api/client';
import { ApiError } from '../api/client';
import {
  type SecurityFormState,
  type SecurityIssue,
  securityFormOf,
  securityPatchOf,
} from '../delivery-security-model';
import { localTime } from '../format';
import { usePortal } from './context';
import { Field } from './field';
import { ErrorNote, toApiError } from './ui';

type Subscription = Schemas['Subscription'];

const RFC9421 = ['ed25519', 'ecdsa-p256-sha256', 'rsa-pss-sha512', 'hmac-sha256'] as const;

/**
 * Every signature a subscription's deliveries carry (Standard Webhooks v1, and v1a,, RFC 9421,
 * draft-cavage), whose keys sign them, and how Herald authenticates to the receiver (a header,
 * HTTP Basic or OAuth 2.0 client credentials). Secrets are write-only: a fingerprint shows which
 * one is stored; leaving a secret empty keeps it.
 */
export function DeliverySecurity({ s, onSaved }: { s: Subscription; onSaved: () => void }) {
  const { client, session } = usePortal();
  const tenantId = session.tenantId;
  const id = s.id ?? '';
  const [form, setForm] = useState<SecurityFormState>(() => securityFormOf(s));
  const [issues, setIssues] = useState<SecurityIssue[]>([]);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const readOnly = session.readOnly;
  const set = <K extends keyof SecurityFormState>(key: K, value: SecurityFormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  /** The form's or the API's message about `field` or anything inside it. */
  const messageFor = (field: string) =>
    [...issues, ...(error?.problem.errors ?? [])].find(
      (i) => i.field === field || i.field?.startsWith(`${field}.`),
    )?.message;
  const submit = async (event: Event) => {
    event.preventDefault();
    const { body, issues: found } = securityPatchOf(form);
    setIssues(found);
    setError(undefined);
    if (found.length) return;
    setBusy(true);
    try {
      const saved = await client.patch('/v1/subscriptions/{id}', { path: { id }, body });
      setForm(securityFormOf(saved));
      onSaved();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const jwks =
    form.keyScope === 'subscription'
      ? `/v1/tenants/${tenantId}/subscriptions/${id}/jwks.json`
      : `/v1/tenants/${tenantId}/jwks.json`;
  const stored = s.credential;
  return (
    <form class="panel" aria-labelledby="security-title" onSubmit={submit}>
      <h2 id="security-title">Signatures and authentication</h2>
      <fieldset disabled={readOnly}>
        <legend>Standard Webhooks (webhook-signature)</legend>
        <label class="check">
          <input
            type="checkbox"
            checked={form.symmetric}
            onChange={(e) => set('symmetric', e.currentTarget.checked)}
          />{' '}
          v1, HMAC with the signing secret
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={form.asymmetric}
            onChange={(e) => set('asymmetric', e.currentTarget.checked)}
          />{' '}
          v1a, ed25519 (receivers verify with the public key)
        </label>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>RFC 9421 HTTP Message Signatures</legend>
        <div class="filters">
          <Field
            id="sec-rfc"
            label="Algorithm"
            error={messageFor('signing.options.httpMessageSignatures.algorithm')}
          >
            {(a) => (
              <select
                {...a}
                value={form.rfc9421}
                onChange={(e) =>
                  set('rfc9421', e.currentTarget.value as SecurityFormState['rfc9421'])
                }
              >
                <option value="">none</option>
                {RFC9421.map((alg) => (
                  <option key={alg} value={alg}>
                    {alg}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="sec-rfc-components"
            label="Covered components"
            hint="Space-separated; empty: @method @target-uri content-digest date"
            error={messageFor('signing.options.httpMessageSignatures.components')}
            wide
          >
            {(a) => (
              <input
                {...a}
                value={form.rfc9421Components}
                onInput={(e) => set('rfc9421Components', e.currentTarget.value)}
              />
            )}
          </Field>
          <Field id="sec-rfc-digest" label="Content-Digest">
            {(a) => (
              <select
                {...a}
                value={form.rfc9421Digest}
                onChange={(e) =>
                  set('rfc9421Digest', e.currentTarget.value as SecurityFormState['rfc9421Digest'])
                }
              >
                <option value="sha-256">sha-256</option>
                <option value="sha-512">sha-512</option>
              </select>
            )}
          </Field>
          <Field
            id="sec-rfc-expires"
            label="Expires after (s)"
            hint="Empty: no expires parameter"
            error={messageFor('signing.options.httpMessageSignatures.expiresInSeconds')}
          >
            {(a) => (
              <input
                {...a}
                inputMode="numeric"
                value={form.rfc9421ExpiresInSeconds}
                onInput={(e) => set('rfc9421ExpiresInSeconds', e.currentTarget.value)}
              />
            )}
          </Field>
          <Field
            id="sec-rfc-tag"
            label="Tag"
            error={messageFor('signing.options.httpMessageSignatures.tag')}
          >
            {(a) => (
              <input
                {...a}
                value={form.rfc9421Tag}
                onInput={(e) => set('rfc9421Tag', e.currentTarget.value)}
              />
            )}
          </Field>
          <label class="check">
            <input
              type="checkbox"
              checked={form.rfc9421Nonce}
              onChange={(e) => set('rfc9421Nonce', e.currentTarget.checked)}
            />{' '}
            a random nonce
          </label>
        </div>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>draft-cavage HTTP Signatures</legend>
        <div class="filters">
          <Field
            id="sec-cavage"
            label="Cavage algorithm"
            error={messageFor('signing.options.cavage.algorithm')}
          >
            {(a) => (
              <select
                {...a}
                value={form.cavage}
                onChange={(e) =>
                  set('cavage', e.currentTarget.value as SecurityFormState['cavage'])
                }
              >
                <option value="">none</option>
                <option value="rsa-sha256">rsa-sha256</option>
                <option value="hs2019">hs2019</option>
              </select>
            )}
          </Field>
          <Field
            id="sec-cavage-headers"
            label="Signed headers"
            hint="Space-separated; empty: (request-target) host date digest"
            error={messageFor('signing.options.cavage.headers')}
            wide
          >
            {(a) => (
              <input
                {...a}
                value={form.cavageHeaders}
                onInput={(e) => set('cavageHeaders', e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>Keys</legend>
        <Field
          id="sec-key-scope"
          label="Key pairs"
          hint={`Public keys: ${jwks}`}
          error={messageFor('signing.options.keyScope')}
        >
          {(a) => (
            <select
              {...a}
              value={form.keyScope}
              onChange={(e) =>
                set('keyScope', e.currentTarget.value as SecurityFormState['keyScope'])
              }
            >
              <option value="tenant">the tenant's</option>
              <option value="subscription">this subscription's own</option>
            </select>
          )}
        </Field>
        <p class="muted">
          <a href={jwks} target="_blank" rel="noopener">
            JWKS document
          </a>
        </p>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>Authentication to the receiver</legend>
        {stored ? (
          <p class="muted" data-testid="stored-credential">
            Stored: {stored.type}
            {stored.name ? ` ${stored.name}` : ''}
            {stored.username ? ` ${stored.username}` : ''}
            {stored.clientId ? ` ${stored.clientId}` : ''}, secret <code>{stored.fingerprint}</code>
          </p>
        ) : null}
        <div class="filters">
          <Field id="sec-credential" label="Credential" error={messageFor('credential.type')}>
            {(a) => (
              <select
                {...a}
                value={form.credential}
                onChange={(e) =>
                  set('credential', e.currentTarget.value as SecurityFormState['credential'])
                }
              >
                <option value="">none</option>
                <option value="header">a header</option>
                <option value="basic">HTTP Basic</option>
                <option value="oauth2">OAuth 2.0 client credentials</option>
              </select>
            )}
          </Field>
          {form.credential === 'header' ? (
            <>
              <Field id="sec-header-name" label="Header name" error={messageFor('credential.name')}>
                {(a) => (
                  <input
                    {...a}
                    value={form.headerName}
                    onInput={(e) => set('headerName', e.currentTarget.value)}
                  />
                )}
              </Field>
              <SecretField
                id="sec-header-value"
                label="Header value"
                value={form.headerValue}
                error={messageFor('credential.value')}
                onInput={(v) => set('headerValue', v)}
              />
            </>
          ) : null}
          {form.credential === 'basic' ? (
            <>
              <Field id="sec-username" label="User" error={messageFor('credential.username')}>
                {(a) => (
                  <input
                    {...a}
                    autoComplete="off"
                    value={form.username}
                    onInput={(e) => set('username', e.currentTarget.value)}
                  />
                )}
              </Field>
              <SecretField
                id="sec-password"
                label="Password"
                value={form.password}
                error={messageFor('credential.password')}
                onInput={(v) => set('password', v)}
              />
            </>
          ) : null}
          {form.credential === 'oauth2' ? (
            <>
              <Field
                id="sec-token-url"
                label="Token URL"
                error={messageFor('credential.tokenUrl')}
                wide
              >
                {(a) => (
                  <input
                    {...a}
                    type="url"
                    value={form.tokenUrl}
                    onInput={(e) => set('tokenUrl', e.currentTarget.value)}
                  />
                )}
              </Field>
              <Field id="sec-client-id" label="Client id" error={messageFor('credential.clientId')}>
                {(a) => (
                  <input
                    {...a}
                    value={form.clientId}
                    onInput={(e) => set('clientId', e.currentTarget.value)}
                  />
                )}
              </Field>
              <SecretField
                id="sec-client-secret"
                label="Client secret"
                value={form.clientSecret}
                error={messageFor('credential.clientSecret')}
                onInput={(v) => set('clientSecret', v)}
              />
              <Field id="sec-scope" label="Scope" error={messageFor('credential.scope')}>
                {(a) => (
                  <input
                    {...a}
                    value={form.scope}
                    onInput={(e) => set('scope', e.currentTarget.value)}
                  />
                )}
              </Field>
              <Field id="sec-audience" label="Audience" error={messageFor('credential.audience')}>
                {(a) => (
                  <input
                    {...a}
                    value={form.audience}
                    onInput={(e) => set('audience', e.currentTarget.value)}
                  />
                )}
              </Field>
            </>
          ) : null}
        </div>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>Mutual TLS and a private CA</legend>
        <p class="muted" data-testid="stored-tls">
          {s.tls
            ? `Stored: client certificate ${s.tls.clientCertificate?.subject ?? 'none'}` +
              (s.tls.clientCertificate?.validTo
                ? `, valid to ${localTime(s.tls.clientCertificate.validTo)}`
                : '') +
              (s.tls.ca ? `; CA ${s.tls.ca.subject ?? ''}` : '; the public roots')
            : 'None: the public roots, no client certificate.'}
        </p>
        <div class="filters">
          {(
            [
              ['sec-tls-cert', 'Client certificate (PEM)', 'clientCertificate'],
              ['sec-tls-key', 'Client key (PEM, write-only)', 'clientKey'],
              ['sec-tls-ca', 'CA certificates (PEM)', 'ca'],
            ] as const
          ).map(([fieldId, label, key]) => (
            <Field
              key={fieldId}
              id={fieldId}
              label={label}
              hint="Given: replaces what is stored"
              error={messageFor(`tls.${key}`)}
              wide
            >
              {(a) => (
                <textarea
                  {...a}
                  rows={3}
                  spellcheck={false}
                  value={form[key]}
                  onInput={(e) => set(key, e.currentTarget.value)}
                />
              )}
            </Field>
          ))}
          {s.tls ? (
            <label class="check">
              <input
                type="checkbox"
                checked={form.removeTls}
                onChange={(e) => set('removeTls', e.currentTarget.checked)}
              />{' '}
              remove the stored TLS material
            </label>
          ) : null}
        </div>
      </fieldset>
      <ErrorNote error={error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={readOnly || busy}>
          Save signatures and authentication
        </button>
      </div>
    </form>
  );
}

function SecretField(props: {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
}) {
  return (
    <Field
      id={props.id}
      label={props.label}
      hint="Write-only; empty keeps the stored one"
      error={props.error}
    >
      {(a) => (
        <input
          {...a}
          type="password"
          autoComplete="new-password"
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}
