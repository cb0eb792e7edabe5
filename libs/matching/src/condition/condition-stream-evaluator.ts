import { EvaluationNode } from './condition-plan';
import { CONTINUE, Key, STOP_HOLDS, walkPath } from './condition-walk';

/** One value a node saw, with where it was found (the arguments of a Visit). */
export interface Visited {
  value: unknown;
  key: Key;
  owner: unknown;
  leaf: boolean;
}

/**
 * Whether `node` holds after each visit of `stream`, one answer per visit: sift's semantics
 * where they depend on the order of visits, which is only so for $or/$nor (settled on the first
 * visit after which a branch holds). Lists the visits instead of walking them lazily, so it
 * allocates: the compiler uses it only for queries with an $or that can see several values.
 */
export function keepsAfterEachVisit(node: EvaluationNode, stream: readonly Visited[]): boolean[] {
  switch (node.kind) {
    case 'fold': {
      let code = CONTINUE;
      return stream.map(({ value, key, owner, leaf }) => {
        if (code === CONTINUE) code = node.visit(value, key, owner, leaf);
        return code === CONTINUE ? node.unstopped : code === STOP_HOLDS;
      });
    }
    case 'path': {
      // The children see every value the path reaches from each visit, in order; the node's
      // answer after a visit is theirs after the last value reached from it.
      const reached: Visited[] = [];
      const ends = stream.map(({ value, key, owner, leaf }) => {
        walkPath(value, node.path, 0, key, owner, leaf, (v, k, o, l) => {
          reached.push({ value: v, key: k, owner: o, leaf: l });
          return CONTINUE;
        });
        return reached.length - 1;
      });
      const children = node.children.map((child) => keepsAfterEachVisit(child, reached));
      return ends.map((end) => children.every((keeps) => keeps[end]));
    }
    case 'every': {
      const children = node.children.map((child) => keepsAfterEachVisit(child, stream));
      return stream.map((_, at) => children.every((keeps) => keeps[at]));
    }
    case 'not':
      return keepsAfterEachVisit(node.query, stream).map((keeps) => !keeps);
    case 'some': {
      const branches = node.branches.map((branch) => keepsAfterEachVisit(branch, stream));
      let held = false;
      return stream.map((_, at) => {
        held = held || branches.some((keeps) => keeps[at]);
        return node.negate ? !held : held;
      });
    }
  }
}
