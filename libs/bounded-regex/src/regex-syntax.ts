/**
 * A JavaScript regular expression's source, parsed into the small tree that Herald needs to run
 * it on RE2 (regex-translation) and to tell whether V8's backtracking engine could run it in
 * linear time (regex-cost). Parse only sources `new RegExp(source, flags)` accepts: the parser
 * relies on JavaScript having checked the syntax, and refuses what RE2 cannot run
 * (backreferences, lookaround) with a `RegexRefusal` whose message says why.
 */

export type RegexNode = CharNode | AssertNode | GroupNode | RepeatNode;

/** Matches exactly one character: a literal, `.`, a class, or an escape such as `\d`. */
export interface CharNode {
  kind: 'char';
  /** The same matcher in RE2 syntax (an atom: safe to quantify). */
  re2: string;
}

/** `^`, `$`, `\b`, `\B`: matches no character. */
export interface AssertNode {
  kind: 'assert';
  re2: string;
}

export interface GroupNode {
  kind: 'group';
  /** null: non-capturing; '': capturing; otherwise the group's name. */
  name: string | null;
  body: Alternation;
}

export interface RepeatNode {
  kind: 'repeat';
  node: CharNode | GroupNode;
  min: number;
  /** Infinity for `*`, `+` and `{n,}`. */
  max: number;
  lazy: boolean;
}

/** `a|b|c`: each branch is a sequence of nodes. */
export interface Alternation {
  branches: RegexNode[][];
}

export class RegexRefusal extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RegexRefusal';
  }
}

/** JavaScript's `\s`: the characters of WhiteSpace and LineTerminator, as RE2 class members. */
export const JS_WHITESPACE =
  '\\t\\n\\x{b}\\f\\r\\x{20}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';

/** What `.` matches without the `s` flag: anything but a JavaScript line terminator. */
const JS_DOT = '[^\\n\\r\\x{2028}\\x{2029}]';
const ANY = '[\\x{0}-\\x{10ffff}]';

export function parseRegex(source: string, flags: string): Alternation {
  return new Parser(source, flags).parse();
}

class Parser {
  private at = 0;
  private readonly unicode: boolean;
  private readonly dotAll: boolean;

  constructor(
    private readonly source: string,
    flags: string,
  ) {
    this.unicode = flags.includes('u');
    this.dotAll = flags.includes('s');
  }

  parse(): Alternation {
    const alternation = this.alternation();
    // `new RegExp` has accepted the source, so an unmatched `)` cannot be here.
    return alternation;
  }

  private alternation(): Alternation {
    const branches: RegexNode[][] = [this.sequence()];
    while (this.peek() === '|') {
      this.at++;
      branches.push(this.sequence());
    }
    return { branches };
  }

  private sequence(): RegexNode[] {
    const nodes: RegexNode[] = [];
    while (this.at < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      const repeat = this.quantifier();
      if (repeat === null) {
        nodes.push(atom);
      } else if (atom.kind === 'assert') {
        // Annex B lets a lookahead be quantified; the others are syntax errors. Either way
        // repeating something that matches no character changes nothing.
        nodes.push(atom);
      } else {
        nodes.push({ kind: 'repeat', node: atom as CharNode | GroupNode, ...repeat });
      }
    }
    return nodes;
  }

  private atom(): RegexNode {
    const c = this.next();
    switch (c) {
      case '^':
      case '$':
        return { kind: 'assert', re2: c };
      case '.':
        return { kind: 'char', re2: this.dotAll ? ANY : JS_DOT };
      case '(':
        return this.group();
      case '[':
        return { kind: 'char', re2: this.characterClass() };
      case '\\':
        return this.escape();
      default:
        return { kind: 'char', re2: literal(c) };
    }
  }

  private group(): GroupNode {
    let name: string | null = '';
    if (this.source.startsWith('?:', this.at)) {
      this.at += 2;
      name = null;
    } else if (
      this.source.startsWith('?=', this.at) ||
      this.source.startsWith('?!', this.at) ||
      this.source.startsWith('?<=', this.at) ||
      this.source.startsWith('?<!', this.at)
    ) {
      throw new RegexRefusal(
        'uses a lookahead or lookbehind assertion, which the linear-time engine (RE2) does not support',
      );
    } else if (this.source.startsWith('?<', this.at)) {
      const end = this.source.indexOf('>', this.at);
      name = this.source.slice(this.at + 2, end);
      this.at = end + 1;
    } else if (this.peek() === '?') {
      throw new RegexRefusal(
        `uses a group syntax (?${this.source.charAt(this.at + 1)} that is not supported`,
      );
    }
    const body = this.alternation();
    this.at++; // ')'
    return { kind: 'group', name, body };
  }

  /** `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each optionally lazy; null when none follows. */
  private quantifier(): { min: number; max: number; lazy: boolean } | null {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.at++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{') {
      const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at));
      if (!braces) return null; // a literal `{` (Annex B), read by atom()
      this.at += braces[0].length;
      min = Number(braces[1]);
      max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3]);
    } else {
      return null;
    }
    const lazy = this.peek() === '?';
    if (lazy) this.at++;
    return { min, max, lazy };
  }

  /** After `\` outside a class. */
  private escape(): RegexNode {
    const c = this.peek();
    switch (c) {
      case 'b':
      case 'B':
        this.at++;
        return { kind: 'assert', re2: `\\${c}` };
      case 'S':
        this.at++;
        return { kind: 'char', re2: `[^${JS_WHITESPACE}]` };
      case 's':
        this.at++;
        return { kind: 'char', re2: `[${JS_WHITESPACE}]` };
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        this.at++;
        return { kind: 'char', re2: `\\${c}` };
      case 'k':
        if (this.unicode || /\(\?<(?![=!])/.test(this.source)) {
          throw new RegexRefusal(
            'uses a backreference (\\k<name>), which the linear-time engine (RE2) does not support',
          );
        }
        break;
      case 'p':
      case 'P':
        if (this.unicode) return { kind: 'char', re2: this.propertyEscape() };
        break;
    }
    return { kind: 'char', re2: this.characterEscape() };
  }

  /** `\p{...}` / `\P{...}` in unicode mode, as RE2 names them (`Script=Greek` is `Greek`). */
  private propertyEscape(): string {
    const negated = this.next() === 'P';
    const end = this.source.indexOf('}', this.at);
    const body = this.source.slice(this.at + 1, end);
    this.at = end + 1;
    const name = body.replace(/^(Script|sc|General_Category|gc)=/, '');
    return `\\${negated ? 'P' : 'p'}{${name}}`;
  }

  /**
   * An escape that stands for one character (the `\` consumed, `\d \s \w` and their negations
   * handled by the caller), as an RE2 atom that is also a class member.
   */
  private characterEscape(): string {
    const c = this.next();
    if (/[1-9]/.test(c)) {
      throw new RegexRefusal(
        `uses a backreference or octal escape (\\${c}), which the linear-time engine (RE2) does not support`,
      );
    }
    switch (c) {
      case '0':
        if (/[0-9]/.test(this.peek())) {
          throw new RegexRefusal('uses an octal escape; write \\xHH instead');
        }
        return codePoint(0);
      case 't':
        return '\\t';
      case 'n':
        return '\\n';
      case 'r':
        return '\\r';
      case 'v':
        return codePoint(0x0b);
      case 'f':
        return '\\f';
      case 'b':
        return codePoint(0x08); // in a class, \b is backspace
      case 'c': {
        const letter = this.peek();
        if (/[A-Za-z]/.test(letter)) {
          this.at++;
          return codePoint(letter.charCodeAt(0) % 32);
        }
        return literal('\\'); // Annex B: `\c` not followed by a letter is a backslash and a c
      }
      case 'x': {
        const hex = /^[0-9A-Fa-f]{2}/.exec(this.source.slice(this.at));
        if (!hex) return literal('x');
        this.at += 2;
        return codePoint(parseInt(hex[0], 16));
      }
      case 'u':
        return codePoint(this.unicodeEscape());
      default:
        return literal(c);
    }
  }

  /** After `\u`: `XXXX`, a surrogate pair `XXXX\uXXXX`, or (unicode mode) `{X...}`. */
  private unicodeEscape(): number {
    const rest = this.source.slice(this.at);
    const braced = this.unicode ? /^\{([0-9A-Fa-f]+)\}/.exec(rest) : null;
    if (braced) {
      this.at += braced[0].length;
      return parseInt(braced[1], 16);
    }
    const four = /^[0-9A-Fa-f]{4}/.exec(rest);
    if (!four) return 'u'.charCodeAt(0);
    this.at += 4;
    const unit = parseInt(four[0], 16);
    const low = /^\\u([dD][c-fC-F][0-9A-Fa-f]{2})/.exec(this.source.slice(this.at));
    if (unit >= 0xd800 && unit <= 0xdbff && low) {
      this.at += low[0].length;
      return (unit - 0xd800) * 0x400 + (parseInt(low[1], 16) - 0xdc00) + 0x10000;
    }
    return unit;
  }

  /** After `[`: the class in RE2 syntax. */
  private characterClass(): string {
    const negated = this.peek() === '^';
    if (negated) this.at++;
    const members: ClassMember[] = [];
    while (this.peek() !== ']') {
      const c = this.next();
      if (c === '\\') {
        if (this.peek() === 'S') {
          this.at++;
          members.push({ set: `^${JS_WHITESPACE}`, negatedSet: true });
        } else if (this.peek() === 's') {
          this.at++;
          members.push({ set: JS_WHITESPACE });
        } else if (/[dDwW]/.test(this.peek())) {
          members.push({ set: `\\${this.next()}` });
        } else if (this.unicode && (this.peek() === 'p' || this.peek() === 'P')) {
          members.push({ set: this.propertyEscape() });
        } else {
          members.push({ single: this.characterEscape() });
        }
      } else {
        members.push({ single: c === '-' ? '-' : literal(c) });
      }
    }
    this.at++; // ']'
    return classOf(members, negated);
  }

  private peek(): string {
    return this.source.charAt(this.at);
  }

  /** The next character (a whole surrogate pair counts as one). */
  private next(): string {
    const code = this.source.codePointAt(this.at)!;
    const c = String.fromCodePoint(code);
    this.at += c.length;
    return c;
  }
}

type ClassMember = { single: string } | { set: string; negatedSet?: boolean };

function classOf(members: ClassMember[], negated: boolean): string {
  if (members.length === 0) return negated ? ANY : '[^\\x{0}-\\x{10ffff}]';
  const negatedSets = members.filter((m) => 'negatedSet' in m && m.negatedSet);
  if (negatedSets.length > 0) {
    // `[\s\S]`, the usual "any character": \S with \s is everything.
    if (members.some((m) => 'set' in m && m.set === JS_WHITESPACE)) {
      return negated ? '[^\\x{0}-\\x{10ffff}]' : ANY;
    }
    if (members.length > 1) {
      throw new RegexRefusal(
        'uses \\S inside a character class with other members, which is not supported; write (?:\\S|[...]) instead',
      );
    }
    return negated ? `[${JS_WHITESPACE}]` : `[^${JS_WHITESPACE}]`;
  }
  let body = '';
  for (let i = 0; i < members.length; i++) {
    const member = members[i];
    const dash = members[i + 1];
    const end = members[i + 2];
    if (
      'single' in member &&
      dash &&
      'single' in dash &&
      dash.single === '-' &&
      end &&
      'single' in end
    ) {
      body += `${classLiteral(member.single)}-${classLiteral(end.single)}`;
      i += 2;
    } else if ('single' in member) {
      body += classLiteral(member.single);
    } else {
      body += member.set;
    }
  }
  return `[${negated ? '^' : ''}${body}]`;
}

function classLiteral(single: string): string {
  return single === '-' ? '\\-' : single;
}

/** One literal character as an RE2 atom. */
function literal(c: string): string {
  if (/^[A-Za-z0-9_]$/.test(c)) return c;
  if (/^[!-/:-@[-`{-~]$/.test(c)) return `\\${c}`;
  const code = c.codePointAt(0)!;
  if (code >= 0xa0 && (code < 0xd800 || code > 0xdfff)) return c;
  return codePoint(code);
}

function codePoint(code: number): string {
  return `\\x{${code.toString(16)}}`;
}
