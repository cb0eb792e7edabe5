import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { InvalidCursorError } from '@herald/persistence';
import { FieldIssue, Problem, ProblemException, problemOf } from './problem';

/** The field a refusal is about when the thrower did not name one, by status. */
const FIELD_BY_STATUS: Record<number, FieldIssue> = {
  400: { field: '$', message: 'is not a valid request' },
  401: { field: 'Authorization', message: 'must be a valid Bearer token' },
  403: { field: 'Authorization', message: 'does not allow this request' },
  404: { field: 'path', message: 'names no resource or route' },
  405: { field: 'method', message: 'is not allowed on this route' },
  409: { field: 'id', message: 'conflicts with the current state' },
  413: { field: '$', message: 'is larger than the configured limit (HERALD_API_BODY_LIMIT_BYTES)' },
  414: { field: 'path', message: 'is too long' },
  415: { field: 'Content-Type', message: 'must be application/json' },
};

/** Fastify's own errors, by code: what the client sent wrong. */
const FASTIFY_ERRORS: Record<string, (message: string) => Problem> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    problemOf(415, 'request bodies must be JSON', [
      { field: 'Content-Type', message: 'must be application/json (or a +json type)' },
    ]),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    problemOf(400, 'the Content-Length does not match the body', [
      { field: 'Content-Length', message: 'does not match the body' },
    ]),
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    problemOf(
      413,
      'request body is larger than the configured limit (HERALD_API_BODY_LIMIT_BYTES)',
      [FIELD_BY_STATUS[413]],
    ),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    problemOf(400, 'the body is empty but Content-Type is JSON', [
      { field: '$', message: 'must not be empty when Content-Type is JSON' },
    ]),
  FST_ERR_CTP_INVALID_JSON: (message) =>
    problemOf(400, message, [{ field: '$', message: `is not valid JSON (${message})` }]),
};

/**
 * Every error leaves as application/problem+json; every 4xx names a field. Unexpected errors
 * are logged as one line (the stack only at debug level) and not shown to the client.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = withField(this.toProblem(exception));
    if (exception instanceof ProblemException) reply.headers(exception.headers);
    void reply
      .status(problem.status)
      .header('content-type', 'application/problem+json')
      .send(problem);
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof ProblemException) return exception.problem;
    if (exception instanceof InvalidCursorError) {
      return problemOf(400, exception.message, [{ field: 'cursor', message: exception.message }]);
    }
    const code = (exception as { code?: unknown })?.code;
    const message = (exception as Error)?.message ?? String(exception);
    if (typeof code === 'string' && FASTIFY_ERRORS[code]) return FASTIFY_ERRORS[code](message);
    const status =
      exception instanceof HttpException
        ? exception.getStatus()
        : (exception as { statusCode?: number })?.statusCode;
    if (status === 413) return FASTIFY_ERRORS.FST_ERR_CTP_BODY_TOO_LARGE(message);
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return problemOf(status, message);
    }
    const name = (exception as Error)?.name ?? typeof exception;
    this.logger.error(`unexpected ${name}: ${message.split('\n')[0]}`);
    if (exception instanceof Error && exception.stack) this.logger.debug(exception.stack);
    return problemOf(500, 'an unexpected error occurred');
  }
}

/** A 4xx problem with no field gets the one its status implies. */
function withField(problem: Problem): Problem {
  if (problem.status >= 500 || (problem.errors && problem.errors.length > 0)) return problem;
  const issue = FIELD_BY_STATUS[problem.status] ?? { field: '$', message: problem.detail };
  return { ...problem, errors: [issue] };
}
