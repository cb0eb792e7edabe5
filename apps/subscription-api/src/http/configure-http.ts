import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { registerDocsRoutes } from '../openapi/docs-routes';
import { openApiDocument } from '../openapi/openapi-document';
import { ProblemFilter } from './problem.filter';
import { problemOf } from './problem';

/** Problem+json errors everywhere (413 and bad JSON included), CloudEvents bodies, /openapi.json and /docs. */
export function configureHttp(app: NestFastifyApplication, version: string): void {
  app.useGlobalFilters(new ProblemFilter());
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addContentTypeParser(
    ['application/cloudevents+json', 'application/problem+json'],
    { parseAs: 'string' },
    (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch (error) {
        (error as { statusCode?: number }).statusCode = 400;
        done(error as Error, undefined);
      }
    },
  );
  fastify.setErrorHandler((error, _request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    const detail =
      status === 413
        ? 'request body is larger than the configured limit (HERALD_API_BODY_LIMIT_BYTES)'
        : status < 500
          ? (error as Error).message
          : 'an unexpected error occurred';
    void reply
      .status(status)
      .header('content-type', 'application/problem+json')
      .send(
        problemOf(status, detail, status === 400 ? [{ field: '$', message: detail }] : undefined),
      );
  });
  registerDocsRoutes(app, openApiDocument(version));
}
