import { ConditionTester, compileCondition } from './condition';

/**
 * Compiled conditions shared by every subscription with the same condition (reference-counted,
 * keyed by the condition's JSON): many subscriptions repeat a handful of conditions, and one
 * compiled tester per distinct condition keeps memory and matching hot paths small.
 */
export class ConditionCache {
  private readonly testers = new Map<string, { tester: ConditionTester; refs: number }>();

  get size(): number {
    return this.testers.size;
  }

  acquire(condition: Record<string, unknown>): ConditionTester {
    const key = JSON.stringify(condition);
    const known = this.testers.get(key);
    if (known) {
      known.refs++;
      return known.tester;
    }
    const tester = compileCondition(condition);
    this.testers.set(key, { tester, refs: 1 });
    return tester;
  }

  release(condition: Record<string, unknown>): void {
    const key = JSON.stringify(condition);
    const known = this.testers.get(key);
    if (known && --known.refs === 0) this.testers.delete(key);
  }
}
