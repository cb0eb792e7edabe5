import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { InvalidCursorError } from '@herald/persistence';
import { Problem, ProblemException, problemOf } from './problem';

/** Every error leaves as application/problem+json; unexpected ones are logged, not shown. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = this.toProblem(exception);
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
    const status =
      exception instanceof HttpException
        ? exception.getStatus()
        : (exception as { statusCode?: number })?.statusCode;
    if (status === 413) {
      return problemOf(
        413,
        'request body is larger than the configured limit (HERALD_API_BODY_LIMIT_BYTES)',
      );
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const detail = (exception as Error).message;
      return problemOf(
        status,
        detail,
        status === 400 ? [{ field: '$', message: detail }] : undefined,
      );
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return problemOf(500, 'an unexpected error occurred');
  }
}
