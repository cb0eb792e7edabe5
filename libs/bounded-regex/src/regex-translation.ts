import { Alternation, RegexNode } from './regex-syntax';

/** A parsed JavaScript regular expression written in RE2's syntax, with the same meaning. */
export function re2SourceOf(pattern: Alternation): string {
  return pattern.branches.map((branch) => branch.map(re2Of).join('')).join('|');
}

function re2Of(node: RegexNode): string {
  switch (node.kind) {
    case 'char':
    case 'assert':
      return node.re2;
    case 'group': {
      const open = node.name === null ? '(?:' : node.name === '' ? '(' : `(?P<${node.name}>`;
      return `${open}${re2SourceOf(node.body)})`;
    }
    case 'repeat':
      return `${re2Of(node.node)}${countOf(node.min, node.max)}${node.lazy ? '?' : ''}`;
  }
}

function countOf(min: number, max: number): string {
  if (max === Infinity) return min === 0 ? '*' : min === 1 ? '+' : `{${min},}`;
  if (min === 0 && max === 1) return '?';
  return min === max ? `{${min}}` : `{${min},${max}}`;
}
