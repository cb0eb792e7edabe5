import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { registerDocsRoutes } from '../openapi/docs-routes';
import { openApiDocument } from '../openapi/openapi-document';
import { installHttpMetrics } from './http-metrics';
import { ProblemFilter } from './problem.filter';

/**
 * Problem+json errors everywhere (Fastify's own 413 and bad-JSON errors reach the filter too),
 * CloudEvents JSON bodies, /openapi.json and /docs.
 */
export function configureHttp(app: NestFastifyApplication, version: string): void {
  app.useGlobalFilters(new ProblemFilter());
  installHttpMetrics(app);
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
  registerDocsRoutes(app, openApiDocument(version));
}
