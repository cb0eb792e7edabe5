import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { problemOf } from '../http/problem';
import { PORTAL_CSP, PortalAsset, defaultPortalDir, loadPortalAssets } from './portal-assets';

/** The part of Fastify's reply these routes use. */
interface Reply {
  header(name: string, value: string): Reply;
  code(status: number): Reply;
  type(contentType: string): Reply;
  send(body: unknown): unknown;
}

function send(reply: Reply, asset: PortalAsset) {
  return reply
    .header('content-security-policy', PORTAL_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-store')
    .type(asset.type)
    .send(asset.body);
}

/**
 * The tenant portal under /portal/: the page Vite built (index.html and its hashed assets),
 * served from memory with a strict Content-Security-Policy. The page talks to this same API
 * with the portal session's token, like any other client.
 */
export function registerPortalRoutes(
  app: NestFastifyApplication,
  dir: string = defaultPortalDir(),
): void {
  const fastify = app.getHttpAdapter().getInstance();
  const assets = loadPortalAssets(dir);
  const notBuilt = problemOf(
    503,
    'the portal page is not part of this build yet; portal sessions work through the API',
  );
  const page = (reply: Reply) => {
    const index = assets.get('index.html');
    if (!index) return reply.code(503).type('application/problem+json').send(notBuilt);
    return send(reply, index);
  };
  fastify.get('/portal', async (_request, reply) => reply.redirect('/portal/', 301));
  fastify.get('/portal/', async (_request, reply) => page(reply));
  fastify.get<{ Params: { '*': string } }>('/portal/*', async (request, reply) => {
    const asset = assets.get(request.params['*']);
    if (asset) return send(reply, asset);
    return reply
      .code(404)
      .type('application/problem+json')
      .send(problemOf(404, 'no such portal file'));
  });
}
