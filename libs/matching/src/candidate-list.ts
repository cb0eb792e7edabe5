import { EVENT_ACTIONS, EventAction, HeraldEvent, Subscription } from '@herald/contracts';
import { ConditionTester, ConditionView, conditionViewOf } from './condition';

/** A subscription's filters, as matching decides them. */
export interface Filters {
  subscription: Subscription;
  entityType: string | null;
  entityId: string | null;
  /** One bit per listed action (see `actionBit`); 0 = every action. */
  actions: number;
  /** null = every trigger. */
  triggers: readonly string[] | null;
  condition: ConditionTester | null;
}

/**
 * The candidates for one (audience, event type), their filters laid out one after another in a
 * single array: deciding an event walks one contiguous block of memory instead of one object
 * per candidate, which is what keeps matching fast when the index is far bigger than the CPU
 * caches and every event lands on a different tenant.
 */
export type CandidateList = readonly unknown[] & { readonly __brand: 'CandidateList' };

const STRIDE = 6;
const SUBSCRIPTION = 0;
const ENTITY_TYPE = 1;
const ENTITY_ID = 2;
const ACTIONS = 3;
const TRIGGERS = 4;
const CONDITION = 5;

export function packCandidates(candidates: readonly Filters[]): CandidateList {
  // Sized up front: the elements are allocated once, next to the array, not regrown.
  const list: unknown[] = new Array(candidates.length * STRIDE);
  candidates.forEach((filters, i) => {
    const at = i * STRIDE;
    list[at + SUBSCRIPTION] = filters.subscription;
    list[at + ENTITY_TYPE] = filters.entityType;
    list[at + ENTITY_ID] = filters.entityId;
    list[at + ACTIONS] = filters.actions;
    list[at + TRIGGERS] = filters.triggers;
    list[at + CONDITION] = filters.condition;
  });
  return list as unknown as CandidateList;
}

/** The candidates whose filters all accept `event`, in list order. */
export function matchCandidates(list: CandidateList, event: HeraldEvent): Subscription[] {
  const matches: Subscription[] = [];
  const action = event.action === null ? 0 : actionBit(event.action);
  let view: ConditionView | undefined;
  for (let at = 0; at < list.length; at += STRIDE) {
    const entityType = list[at + ENTITY_TYPE] as string | null;
    if (entityType !== null && entityType !== event.entityType) continue;
    const entityId = list[at + ENTITY_ID] as string | null;
    if (entityId !== null && entityId !== event.entityId) continue;
    const actions = list[at + ACTIONS] as number;
    if (actions !== 0 && (actions & action) === 0) continue;
    const triggers = list[at + TRIGGERS] as readonly string[] | null;
    if (triggers !== null && (event.trigger === null || !triggers.includes(event.trigger)))
      continue;
    const condition = list[at + CONDITION] as ConditionTester | null;
    if (condition !== null && !condition((view ??= conditionViewOf(event)))) continue;
    matches.push(list[at + SUBSCRIPTION] as Subscription);
  }
  return matches;
}

/** The bit of an action in `Filters.actions`. */
export function actionBit(action: EventAction): number {
  return 1 << EVENT_ACTIONS.indexOf(action);
}
