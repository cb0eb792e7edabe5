import { Alternation, RegexNode } from './regex-syntax';

/**
 * The most backtracking steps V8 may need at one start position for a pattern it is allowed to
 * run: at 10^5 characters that is at most a few tens of millions of steps (tens of ms).
 */
export const NATIVE_STEPS_PER_POSITION = 256;

/**
 * Whether V8's backtracking engine runs this pattern in time linear in the input (with a small
 * constant), by a conservative syntactic proof. Such a pattern runs natively, about 50 times
 * faster than RE2 in JavaScript; every other pattern runs on RE2.
 *
 * At one start position a backtracker tries at most (paths through the pattern) x (characters a
 * path reads) steps when every repeat is bounded, and the input has as many start positions as
 * characters. So each top-level branch must have a bounded path count and length, except:
 * - a last node that repeats one character without bound (`\d+` at the end): once reached, the
 *   match has succeeded, so it is never backtracked into;
 * - in a branch anchored with `^` (and no `m` flag), which is tried at one start position only,
 *   one repeat of one character without bound (`^SKU-\d+$`): it costs one pass of the input.
 * Nested repeats, repeats of groups without bound, and backreferences (refused anyway) all fail
 * the proof, and so does alternation under a repeat unless the whole stays within the budget.
 */
export function runsLinearlyOnBacktracker(pattern: Alternation, flags: string): boolean {
  const multiline = flags.includes('m');
  let steps = 0;
  for (const branch of pattern.branches) {
    const anchored = !multiline && branch[0]?.kind === 'assert' && branch[0].re2 === '^';
    let freeRepeats = anchored ? 1 : 0;
    let paths = 1;
    let length = 0;
    for (let i = 0; i < branch.length; i++) {
      const node = branch[i];
      if (isUnboundedCharRepeat(node)) {
        const last = i === branch.length - 1;
        if (last) {
          length += 1;
          continue;
        }
        if (freeRepeats === 0) return false;
        freeRepeats--;
        length += 1;
        continue;
      }
      const cost = bounded(node);
      if (cost === null) return false;
      paths *= cost.paths;
      length += cost.length;
      if (paths * length > NATIVE_STEPS_PER_POSITION) return false;
    }
    steps += paths * Math.max(length, 1);
    if (steps > NATIVE_STEPS_PER_POSITION) return false;
  }
  return true;
}

interface Cost {
  /** Ways the node can match at one position. */
  paths: number;
  /** The most characters (steps) one way reads. */
  length: number;
}

function isUnboundedCharRepeat(node: RegexNode): boolean {
  return node.kind === 'repeat' && node.max === Infinity && node.node.kind === 'char';
}

/** A node's paths and length when every repeat in it is bounded, else null. */
function bounded(node: RegexNode): Cost | null {
  switch (node.kind) {
    case 'char':
    case 'assert':
      return { paths: 1, length: 1 };
    case 'group':
      return alternationCost(node.body);
    case 'repeat': {
      if (node.max === Infinity) return null;
      const inner = bounded(node.node);
      if (inner === null) return null;
      let paths = 0;
      for (let k = node.min; k <= node.max; k++) {
        paths += inner.paths ** k;
        if (paths > NATIVE_STEPS_PER_POSITION) return null;
      }
      return { paths, length: inner.length * node.max };
    }
  }
}

function alternationCost(alternation: Alternation): Cost | null {
  let paths = 0;
  let length = 0;
  for (const branch of alternation.branches) {
    let branchPaths = 1;
    let branchLength = 0;
    for (const node of branch) {
      const cost = bounded(node);
      if (cost === null) return null;
      branchPaths *= cost.paths;
      branchLength += cost.length;
      if (branchPaths * branchLength > NATIVE_STEPS_PER_POSITION) return null;
    }
    paths += branchPaths;
    length = Math.max(length, branchLength);
  }
  return { paths, length };
}
