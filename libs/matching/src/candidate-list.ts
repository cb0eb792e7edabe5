import { EVENT_ACTIONS, EventAction, HeraldEvent, Subscription } from '@herald/contracts';
import { ConditionTester, ConditionView, conditionViewOf } from './condition/condition';

/** A subscription's filters, as matching decides them, and what a match hands back (`S`). */
export interface Filters<S = Subscription> {
  subscription: S;
  entityType: string | null;
  entityId: string | null;
  /** One bit per listed action (see `actionBit`); 0 = every action. */
  actions: number;
  /** null = every trigger. */
  triggers: readonly string[] | null;
  condition: ConditionTester | null;
}

/**
 * Candidate lists laid out back to back in one array, each list a range of it and each
 * candidate's filters one after another: deciding an event walks one contiguous block of memory
 * instead of one object per candidate (or one array per list), which is what keeps matching fast
 * when the index is far bigger than the CPU caches and every event lands on a different tenant.
 */
export type CandidatePool = unknown[] & { readonly __brand: 'CandidatePool' };

const STRIDE = 6;
const SUBSCRIPTION = 0;
const ENTITY_TYPE = 1;
const ENTITY_ID = 2;
const ACTIONS = 3;
const TRIGGERS = 4;
const CONDITION = 5;

/** A pool with no lists yet. */
export function emptyPool(): CandidatePool {
  return [] as unknown[] as CandidatePool;
}

/** Appends `candidates` to the pool as one list: from the pool's previous length to its new one. */
export function appendCandidates(
  pool: CandidatePool,
  candidates: readonly Filters<unknown>[],
): void {
  for (const filters of candidates) {
    pool.push(
      filters.subscription,
      filters.entityType,
      filters.entityId,
      filters.actions,
      filters.triggers,
      filters.condition,
    );
  }
}

/**
 * The candidates of the list `pool[start..end)` whose filters all accept `event`, in order
 * (`S`: what the pool's lists were appended with).
 */
export function matchCandidates<S = Subscription>(
  pool: CandidatePool,
  start: number,
  end: number,
  event: HeraldEvent,
): S[] {
  const matches: S[] = [];
  const action = event.action === null ? 0 : actionBit(event.action);
  let view: ConditionView | undefined;
  for (let at = start; at < end; at += STRIDE) {
    const entityType = pool[at + ENTITY_TYPE] as string | null;
    if (entityType !== null && entityType !== event.entityType) continue;
    const entityId = pool[at + ENTITY_ID] as string | null;
    if (entityId !== null && entityId !== event.entityId) continue;
    const actions = pool[at + ACTIONS] as number;
    if (actions !== 0 && (actions & action) === 0) continue;
    const triggers = pool[at + TRIGGERS] as readonly string[] | null;
    if (triggers !== null && (event.trigger === null || !triggers.includes(event.trigger)))
      continue;
    const condition = pool[at + CONDITION] as ConditionTester | null;
    if (condition !== null && !condition((view ??= conditionViewOf(event)))) continue;
    matches.push(pool[at + SUBSCRIPTION] as S);
  }
  return matches;
}

/** The bit of an action in `Filters.actions`. */
export function actionBit(action: EventAction): number {
  return 1 << EVENT_ACTIONS.indexOf(action);
}
