import {
  HeraldEvent,
  findUnstorable,
  normaliseCloudEvent,
  validateCloudEvent,
} from '@herald/contracts';
import { FieldIssue } from '../http/problem';

/** The sample event a preview renders when the request gives none. */
export const DEFAULT_PREVIEW_EVENT = {
  specversion: '1.0',
  id: 'evt_preview',
  source: '/herald/preview',
  type: 'preview.updated',
  time: '2020-11-18T09:58:05Z',
  entitytype: 'article',
  entityid: '7',
  action: 'updated',
  data: { description: 'A sample event' },
} as const;

export type PreviewEvent = { ok: true; event: HeraldEvent } | { ok: false; issues: FieldIssue[] };

/**
 * A preview's sample event: the CloudEvent the request gives (specversion, id and source may be
 * left out), of the caller's tenant, normalised as event-ingest would. Issues name
 * `event.<field>`.
 */
export function previewEventOf(
  tenantId: string,
  given: Record<string, unknown> | undefined,
  maxDepth: number,
  now: Date,
): PreviewEvent {
  const sample = given ?? DEFAULT_PREVIEW_EVENT;
  const unstorable = findUnstorable(sample, maxDepth, 'event');
  if (unstorable) {
    return { ok: false, issues: [{ field: unstorable.path, message: unstorable.problem }] };
  }
  const validated = validateCloudEvent({
    ...{ specversion: '1.0', id: DEFAULT_PREVIEW_EVENT.id, source: DEFAULT_PREVIEW_EVENT.source },
    ...sample,
    tenantid: tenantId,
  });
  if (!validated.ok) {
    return {
      ok: false,
      issues: validated.issues.map((i) => ({ field: `event.${i.field}`, message: i.message })),
    };
  }
  return { ok: true, event: normaliseCloudEvent(validated.value, now) };
}
