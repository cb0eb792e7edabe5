import { ConditionTester, compileCondition } from './condition';
import { checkCondition } from './condition-validation';
import { SharedValues } from '../shared-values';

/**
 * Compiled conditions shared by every subscription with the same condition (keyed by the
 * condition's JSON): many subscriptions repeat a handful of conditions, and one compiled tester
 * per distinct condition keeps memory and matching hot paths small.
 */
export class ConditionCache {
  private readonly testers = new SharedValues<ConditionTester>();

  get size(): number {
    return this.testers.size;
  }

  /** Throws InvalidCondition for a condition that cannot be compiled (checked before keying). */
  acquire(condition: Record<string, unknown>): ConditionTester {
    // The key is the condition's JSON: check its depth first (JSON.stringify recurses).
    checkCondition(condition);
    return this.testers.acquire(JSON.stringify(condition), () => compileCondition(condition));
  }

  release(condition: Record<string, unknown>): void {
    this.testers.release(JSON.stringify(condition));
  }
}
