import jsonata from 'jsonata';
import { RegexRefusal, TenantRegex, compileTenantRegex } from '@herald/bounded-regex';
import type { TemplateLimits } from '@herald/contracts';

export type { TemplateLimits };

const OUTPUT_CODE = 'HERALD_OUTPUT_LIMIT';

export const DEFAULT_TEMPLATE_LIMITS: TemplateLimits = {
  timeoutMs: 100,
  maxDepth: 200,
  maxSequence: 100_000,
  maxSourceLength: 16_384,
  maxOutputBytes: 1_048_576,
};

export class PayloadTemplateError extends Error {
  /** True when the template exceeded a budget (time, depth, sequence, output size). */
  readonly overBudget: boolean;

  constructor(message: string, overBudget = false) {
    super(message);
    this.overBudget = overBudget;
  }
}

/** jsonata's codes for its guardrails (stack, timeout, range and sequence length), and ours. */
const BUDGET_CODES = new Set(['D1011', 'D1012', 'D2014', 'D2015', OUTPUT_CODE]);

/**
 * Compiles a template so that evaluating it stays within `limits`: jsonata's own guardrails
 * (time, depth and sequence length checked at every step), a check of every string a step
 * produces, `$pad` with a bounded width (jsonata pads one character at a time: 20 s for 10^8),
 * and regular expressions (`/(a+)+$/`, `$match`, `$replace`, `$split`, `$contains`) on the
 * linear-time engine. Throws `PayloadTemplateError` for a source that is too long, not JSONata,
 * or holds a regular expression that engine cannot run.
 */
export function compileTemplate(source: string, limits: TemplateLimits): jsonata.Expression {
  if (source.length > limits.maxSourceLength) {
    throw new PayloadTemplateError(
      `payloadTemplate: is longer than ${limits.maxSourceLength} characters`,
    );
  }
  let expression: jsonata.Expression;
  try {
    expression = jsonata(source, {
      timeout: limits.timeoutMs,
      stack: limits.maxDepth,
      sequence: limits.maxSequence,
      RegexEngine: LinearRegexEngine as unknown as RegExpConstructor,
    } as jsonata.JsonataOptions);
  } catch (error) {
    throw new PayloadTemplateError(`payloadTemplate: ${(error as Error).message}`);
  }
  const regexProblem = templateRegexProblem(expression.ast());
  if (regexProblem) throw new PayloadTemplateError(`payloadTemplate: ${regexProblem}`);
  const maxChars = limits.maxOutputBytes;
  // jsonata looks its evaluation hooks up under these symbols (jsonata.js, evaluate()).
  expression.assign(
    Symbol.for('jsonata.__evaluate_exit') as unknown as string,
    (_node: unknown, _input: unknown, _environment: unknown, result: unknown) => {
      if (typeof result === 'string' && result.length > maxChars) throw outputTooLarge(maxChars);
    },
  );
  expression.registerFunction('pad', boundedPad(maxChars), '<s-ns?:s>');
  return expression;
}

/** Evaluates a compiled template; a budget or evaluation error is a `PayloadTemplateError`. */
export async function evaluateTemplate(
  expression: jsonata.Expression,
  input: unknown,
): Promise<unknown> {
  try {
    return await expression.evaluate(input);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new PayloadTemplateError(
      `payloadTemplate: ${(error as Error).message}`,
      typeof code === 'string' && BUDGET_CODES.has(code),
    );
  }
}

/**
 * Whether a template exceeds a budget on a sample input (say, an event of the subscription's
 * type with empty data): the API refuses an endless recursion when it is saved instead of
 * letting every delivery fail. Errors that depend on the data are not reported.
 */
export async function templateBudgetProblem(
  source: string,
  limits: TemplateLimits,
  sample: unknown,
): Promise<string | null> {
  try {
    await evaluateTemplate(compileTemplate(source, limits), sample);
    return null;
  } catch (error) {
    if (error instanceof PayloadTemplateError && error.overBudget) {
      return error.message.replace(/^payloadTemplate: /, '');
    }
    return null;
  }
}

/** Why a template cannot be used (for the API, at save time), or null. */
export function templateProblem(source: string, limits: TemplateLimits): string | null {
  try {
    compileTemplate(source, limits);
    return null;
  } catch (error) {
    if (error instanceof PayloadTemplateError)
      return error.message.replace(/^payloadTemplate: /, '');
    throw error;
  }
}

function outputTooLarge(maxChars: number): { code: string; message: string } {
  return {
    code: OUTPUT_CODE,
    message: `a value of the template is longer than ${maxChars} characters`,
  };
}

/** jsonata's `$pad`, refusing a width over the output limit before building anything. */
function boundedPad(maxChars: number) {
  return (str: string | undefined, width: number, char?: string): string | undefined => {
    if (str === undefined) return undefined;
    const fill = char === undefined || char.length === 0 ? ' ' : char;
    const target = Math.trunc(width);
    if (Math.abs(target) > maxChars) throw outputTooLarge(maxChars);
    const padLength = Math.abs(target) - Array.from(str).length;
    if (padLength <= 0) return str;
    const fillPoints = Array.from(fill);
    const padding =
      fillPoints.length === 1
        ? fill.repeat(padLength)
        : fill
            .repeat(Math.ceil(padLength / fillPoints.length))
            .slice(0, codeUnitsOf(fill, padLength));
    return target > 0 ? str + padding : padding + str;
  };
}

/** The UTF-16 length of the first `points` code points of `fill` repeated. */
function codeUnitsOf(fill: string, points: number): number {
  const units = Array.from(fill).map((c) => c.length);
  let total = 0;
  for (let i = 0; i < points; i++) total += units[i % units.length];
  return total;
}

/** The first regular expression literal of a template's tree that cannot run safely. */
function templateRegexProblem(ast: unknown): string | null {
  const stack: unknown[] = [ast];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (node instanceof RegExp) {
      try {
        compileTenantRegex(node.source, node.flags.replace('g', ''));
      } catch (error) {
        if (error instanceof RegexRefusal)
          return `the regular expression /${node.source}/ ${error.message}`;
        throw error;
      }
      continue;
    }
    stack.push(...Object.values(node));
  }
  return null;
}

/**
 * The `RegexEngine` jsonata builds each regular expression with: its `exec` and `lastIndex`, as
 * jsonata uses them (always global), on `compileTenantRegex`.
 */
class LinearRegexEngine {
  lastIndex = 0;
  private readonly regex: TenantRegex;

  constructor(expression: RegExp) {
    this.regex = compileTenantRegex(expression.source, expression.flags.replace('g', ''));
  }

  exec(input: string): ((string | undefined)[] & { index: number }) | null {
    const found = this.regex.exec(input, this.lastIndex);
    if (found === null) {
      this.lastIndex = 0;
      return null;
    }
    this.lastIndex = found.end;
    return Object.assign([found.match, ...found.groups], { index: found.index });
  }
}
