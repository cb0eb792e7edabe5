import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jsonDepthIssue } from './json-depth';
import { FieldIssue, ProblemException, invalid, problemOf } from './problem';
import { printableKey, unstorableText } from '@herald/contracts';
import { unstorableTextIssues } from './unstorable-text';

export interface RequestGuardLimits {
  maxUrlLength: number;
  maxJsonDepth: number;
}

/** The JSON media types request bodies may use (CloudEvents structured mode included). */
export const JSON_MEDIA_TYPES = [
  'application/json',
  'application/cloudevents+json',
  'application/cloudevents-batch+json',
  'application/problem+json',
];

/** Longest query parameter value (names and values both). */
const MAX_QUERY_VALUE_LENGTH = 2048;

/**
 * The one layer every request passes before a handler sees it, so no route can forget a check:
 * the URL's length (414), JSON bodies only (anything else is Fastify's 415), the body's nesting
 * depth before it is parsed, and no string anywhere (path, query, body keys and values) that
 * PostgreSQL cannot store. Each refusal is a ProblemException, rendered by ProblemFilter.
 */
export function installRequestGuard(app: NestFastifyApplication, limits: RequestGuardLimits): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser(JSON_MEDIA_TYPES, { parseAs: 'string' }, (request, body, done) => {
    const tooDeep = jsonDepthIssue(body as string, limits.maxJsonDepth);
    if (tooDeep) return done(invalid([tooDeep]), undefined);
    void parseJson(request, body as string, (error, value) => {
      if (error) return done(badJson(error), undefined);
      done(null, value);
    });
  });

  fastify.addHook('onRequest', (request, _reply, done) => {
    if (request.url.length > limits.maxUrlLength) {
      const field = request.url.includes('?') ? 'query' : 'path';
      return done(
        new ProblemException(
          problemOf(414, `the URL is longer than ${limits.maxUrlLength} characters`, [
            { field, message: `makes the URL longer than ${limits.maxUrlLength} characters` },
          ]),
        ),
      );
    }
    done();
  });

  fastify.addHook('preValidation', (request, _reply, done) => {
    const issues = [...paramIssues(request), ...queryIssues(request)];
    if (request.body !== undefined) issues.push(...unstorableTextIssues(request.body, ''));
    done(issues.length > 0 ? invalid(issues) : undefined);
  });
}

function badJson(error: Error): ProblemException {
  const code = (error as { code?: string }).code;
  const message =
    code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
      ? 'must not be empty when Content-Type is JSON'
      : code === 'FST_ERR_CTP_INVALID_JSON' || error instanceof SyntaxError
        ? `is not valid JSON (${error.message})`
        : `is not acceptable JSON (${error.message})`;
  return invalid([{ field: '$', message }]);
}

function paramIssues(request: { params?: unknown }): FieldIssue[] {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  for (const [name, value] of Object.entries(params)) {
    const problem = typeof value === 'string' ? unstorableText(value) : null;
    if (problem) issues.push({ field: name, message: problem });
  }
  return issues;
}

function queryIssues(request: { query?: unknown }): FieldIssue[] {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  for (const [name, value] of Object.entries(query)) {
    const field = printableKey(name);
    const nameProblem = unstorableText(name);
    if (nameProblem) {
      issues.push({ field, message: `(the parameter name) ${nameProblem}` });
    } else if (typeof value !== 'string') {
      issues.push({ field, message: 'must be given at most once' });
    } else if (value.length > MAX_QUERY_VALUE_LENGTH) {
      issues.push({ field, message: `must be at most ${MAX_QUERY_VALUE_LENGTH} characters` });
    } else {
      const problem = unstorableText(value);
      if (problem) issues.push({ field, message: problem });
    }
  }
  return issues;
}
