import { readFileSync } from 'fs';
import { dirname, join } from 'path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OpenAPIObject } from '@nestjs/swagger';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
};

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Herald API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-ui-standalone-preset.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });</script>
</body></html>`;

/** `/openapi.json` and a Swagger UI page at `/docs` (assets from swagger-ui-dist, read once). */
export function registerDocsRoutes(app: NestFastifyApplication, document: OpenAPIObject): void {
  const fastify = app.getHttpAdapter().getInstance();
  // swagger-ui-dist ships with @nestjs/swagger.
  const assetDir = dirname(require.resolve('swagger-ui-dist/package.json'));
  const assets = new Map<string, Buffer>();
  const json = JSON.stringify(document);
  fastify.get('/openapi.json', async (_request, reply) =>
    reply.type('application/json').send(json),
  );
  fastify.get('/docs', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(PAGE),
  );
  fastify.get<{ Params: { file: string } }>('/docs/:file', async (request, reply) => {
    const type = ASSETS[request.params.file];
    if (!type)
      return reply
        .code(404)
        .type('application/problem+json')
        .send({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'no such file' });
    let content = assets.get(request.params.file);
    if (!content) {
      content = readFileSync(join(assetDir, request.params.file));
      assets.set(request.params.file, content);
    }
    return reply.type(type).header('cache-control', 'public, max-age=3600').send(content);
  });
}
