import { useEffect, useState } from 'preact/hooks';
import type { Schemas } from '../api/client';
import { isoFromLocalInput, localInputFromIso, localTime } from '../format';
import { usePortal } from './context';
import { Field } from './field';
import { ActionButton, ErrorNote, Notice, useLoad } from './ui';

type ReplayJob = Schemas['ReplayJob'];

const LIVE_STATES = new Set(['queued', 'running']);

/** What a job has done so far, in the words the page and its tests use. */
export function replaySummary(job: ReplayJob): string {
  const { enqueued = 0, skipped = 0 } = job.progress;
  return `Replay ${job.state}: ${enqueued} sent again, ${skipped} skipped.`;
}

/**
 * Replays a time range of one subscription as a replay job (POST /v1/replays), then follows
 * its progress; lists the subscription's recent jobs, with cancel for those still running.
 */
export function ReplayJobs({ subscriptionId }: { subscriptionId: string }) {
  const { client, session } = usePortal();
  const [since, setSince] = useState(() =>
    localInputFromIso(new Date(Date.now() - 3_600_000).toISOString()),
  );
  const [until, setUntil] = useState('');
  const [status, setStatus] = useState<'failed' | 'all'>('failed');
  const jobs = useLoad(
    () => client.get('/v1/replays', { query: { subscriptionId, limit: '10' } }),
    [subscriptionId],
  );
  const items = jobs.data?.items ?? [];
  const live = items.some((job) => LIVE_STATES.has(job.state));
  useEffect(() => {
    if (!live) return undefined;
    const timer = setTimeout(jobs.reload, 1_000);
    return () => clearTimeout(timer);
  }, [live, jobs.data]);
  const latest = items[0];
  return (
    <div class="panel">
      <h2>Replay</h2>
      <p class="muted">
        Send this subscription's stored events of a time range again. A replay runs as a job in
        pages, with no cap on how many events it goes through.
      </p>
      <div class="filters">
        <Field id="rp-since" label="From">
          {(a) => (
            <input
              {...a}
              type="datetime-local"
              value={since}
              onInput={(e) => setSince(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="rp-until" label="Until" hint="Empty: now">
          {(a) => (
            <input
              {...a}
              type="datetime-local"
              value={until}
              onInput={(e) => setUntil(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="rp-status" label="Which">
          {(a) => (
            <select
              {...a}
              value={status}
              onChange={(e) => setStatus(e.currentTarget.value as 'failed' | 'all')}
            >
              <option value="failed">failed only</option>
              <option value="all">all</option>
            </select>
          )}
        </Field>
        <ActionButton
          label="Replay"
          disabled={session.readOnly}
          action={() =>
            client.post('/v1/replays', {
              body: {
                subscriptionId,
                since: isoFromLocalInput(since) ?? '',
                ...(isoFromLocalInput(until) ? { until: isoFromLocalInput(until) } : {}),
                status,
              },
            })
          }
          onDone={jobs.reload}
        />
      </div>
      {latest ? <Notice>{replaySummary(latest)}</Notice> : null}
      <ErrorNote error={jobs.error} />
      {items.length ? (
        <table>
          <caption>Recent replay jobs</caption>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Window</th>
              <th scope="col">Which</th>
              <th scope="col">State</th>
              <th scope="col">Progress</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((job) => (
              <tr key={job.id}>
                <td>{localTime(job.createdAt ?? job.since)}</td>
                <td>
                  {localTime(job.since)} – {localTime(job.until)}
                </td>
                <td>{job.status}</td>
                <td>
                  {job.state}
                  {job.error ? <span class="error"> ({job.error})</span> : null}
                </td>
                <td>
                  {job.progress.scanned ?? 0} looked at, {job.progress.enqueued ?? 0} sent again
                </td>
                <td>
                  {LIVE_STATES.has(job.state) ? (
                    <ActionButton
                      label="Cancel"
                      disabled={session.readOnly}
                      action={() =>
                        client.post('/v1/replays/{id}/cancel', { path: { id: job.id } })
                      }
                      onDone={jobs.reload}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
