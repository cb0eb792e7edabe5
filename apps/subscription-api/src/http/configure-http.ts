import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { registerDocsRoutes } from '../openapi/docs-routes';
import { openApiDocument } from '../openapi/openapi-document';
import { registerPortalRoutes } from '../portal/portal-routes';
import { SubscriptionApiConfig } from '../subscription-api.config';
import { ApiServerOptions, apiServerOptions } from './fastify-options';
import { installHttpMetrics } from './http-metrics';
import { ProblemFilter } from './problem.filter';
import { bodyLimitsOf } from './request-limits';
import { requestSchemas } from './schemas';
import { installRequestGuard } from './request-guard';

/** Fastify's options (limits, its own errors as problem+json) for this configuration. */
export function httpServerOptions(config: SubscriptionApiConfig): ApiServerOptions {
  return apiServerOptions({
    bodyLimitBytes: config.HERALD_API_BODY_LIMIT_BYTES,
    maxUrlLength: config.HERALD_API_MAX_URL_LENGTH,
  });
}

/**
 * Problem+json errors everywhere (Fastify's own 404, 413, 415 and bad-JSON errors reach the
 * filter too), the request guard in front of every route, JSON bodies only, /openapi.json and
 * /docs, and the tenant portal under /portal/. The app must be created with `bodyParser: false`: the guard owns body parsing.
 */
export function configureHttp(
  app: NestFastifyApplication,
  version: string,
  config: SubscriptionApiConfig,
): void {
  app.useGlobalFilters(new ProblemFilter());
  installHttpMetrics(app);
  installRequestGuard(app, {
    maxUrlLength: config.HERALD_API_MAX_URL_LENGTH,
    maxJsonDepth: config.HERALD_API_MAX_JSON_DEPTH,
  });
  registerDocsRoutes(app, openApiDocument(version, requestSchemas(bodyLimitsOf(config))));
  registerPortalRoutes(app);
}
