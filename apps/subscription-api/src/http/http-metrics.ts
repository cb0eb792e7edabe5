import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Counter, Histogram, Registry } from 'prom-client';

/**
 * `herald_http_requests_total` and `herald_http_request_duration_seconds` by method, route
 * template (`/v1/subscriptions/:id`, never an id) and status class: a bounded label set.
 */
export function installHttpMetrics(app: NestFastifyApplication): void {
  const registry = app.get(Registry);
  const requests = new Counter({
    name: 'herald_http_requests_total',
    help: 'HTTP requests answered by subscription-api',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'herald_http_request_duration_seconds',
    help: 'Time to answer an HTTP request',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = `${Math.floor(reply.statusCode / 100)}xx`;
    requests.inc({ method: request.method, route, status });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    done();
  });
}
