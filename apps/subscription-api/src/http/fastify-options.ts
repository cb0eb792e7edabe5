import { STATUS_CODES } from 'http';
import { Socket } from 'net';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Problem, problemOf } from './problem';

/** What Nest's Fastify adapter accepts (its own copy of Fastify's server options). */
export type ApiServerOptions = NonNullable<ConstructorParameters<typeof FastifyAdapter>[0]>;

interface ProblemReply {
  code(status: number): ProblemReply;
  header(name: string, value: string): ProblemReply;
  send(body: string): unknown;
}

/** The request limits the HTTP server itself enforces. */
export interface ServerLimits {
  bodyLimitBytes: number;
  maxUrlLength: number;
}

/**
 * Fastify's options for subscription-api: its own refusals (a bad percent-encoding, a path
 * parameter longer than the URL limit, a request Node cannot parse) leave as problem+json
 * naming what was wrong, like every other error, instead of Fastify's default JSON.
 */
export function apiServerOptions(limits: ServerLimits): ApiServerOptions {
  return {
    bodyLimit: limits.bodyLimitBytes,
    routerOptions: { maxParamLength: limits.maxUrlLength },
    frameworkErrors: (error, _request, reply) => {
      const code = (error as { code?: string }).code;
      const problem =
        code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? problemOf(414, 'a path parameter is longer than the URL limit', [
              { field: 'path', message: `must be at most ${limits.maxUrlLength} characters` },
            ])
          : problemOf(400, 'the URL is not valid: a path segment has a bad percent-encoding', [
              { field: 'path', message: 'is not valid percent-encoded UTF-8' },
            ]);
      // The reply is typed for route schemas this handler has none of.
      (reply as unknown as ProblemReply)
        .code(problem.status)
        .header('content-type', 'application/problem+json')
        .send(JSON.stringify(problem));
    },
    clientErrorHandler: answerClientError,
  };
}

/**
 * A request Node's HTTP parser refused (headers or URL over the server's header size, a bad
 * method, a malformed request line): answered with problem+json on the raw socket, then closed.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem = clientErrorProblem(error.code);
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        `content-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

function clientErrorProblem(code: string | undefined): Problem {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return problemOf(431, 'the request line and headers are larger than the server accepts', [
      { field: 'headers', message: 'are too large (the URL counts too)' },
    ]);
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return problemOf(408, 'the request was not received in time', [
      { field: '$', message: 'was not received in time' },
    ]);
  }
  if (code === 'HPE_INVALID_METHOD') {
    return problemOf(400, 'the request method is not valid', [
      { field: 'method', message: 'is not a valid HTTP method' },
    ]);
  }
  return problemOf(400, 'the request is not valid HTTP', [
    { field: 'request', message: `could not be parsed (${code ?? 'malformed'})` },
  ]);
}
