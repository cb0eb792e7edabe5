import { IncomingMessage, Server, ServerResponse, createServer } from 'http';
import { createServer as createHttpsServer } from 'https';
import { AddressInfo, Socket } from 'net';
import { TLSSocket } from 'tls';

function listen(server: Server, sockets: Set<Socket>, scheme = 'http'): Promise<string> {
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

function close(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const s of sockets) s.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString()));
  });
}

export type TokenServerMode = 'ok' | 'error' | 'hang' | 'huge' | 'not-json';

/**
 * A real OAuth 2.0 token endpoint on loopback (client credentials grant): checks the client's
 * id and secret (HTTP Basic or in the form, RFC 6749 section 2.3.1), issues `tok-<n>` tokens
 * with `expires_in`, and counts the requests it answered.
 */
export class OAuthTokenServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  /** Every token issued, oldest first. */
  readonly issued: string[] = [];
  /** The form of each token request. */
  readonly requests: URLSearchParams[] = [];
  mode: TokenServerMode = 'ok';
  expiresInSeconds: number | undefined = 60;

  constructor(
    private readonly clientId: string,
    private readonly clientSecret: string,
  ) {
    this.server = createServer((req, res) => void this.answer(req, res));
  }

  get fetches(): number {
    return this.requests.length;
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    this.requests.push(form);
    if (this.mode === 'hang') return;
    if (this.mode === 'huge') return void res.end(JSON.stringify({ pad: 'x'.repeat(100_000) }));
    if (this.mode === 'not-json') return void res.end('<html>gateway</html>');
    if (this.mode === 'error' || !this.authenticated(req, form)) {
      res.writeHead(this.mode === 'error' ? 500 : 401, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: 'invalid_client', error_description: 'no' }));
    }
    if (form.get('grant_type') !== 'client_credentials') {
      res.writeHead(400, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: 'unsupported_grant_type' }));
    }
    const token = `tok-${this.issued.length + 1}`;
    this.issued.push(token);
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(
      JSON.stringify({
        access_token: token,
        token_type: 'Bearer',
        ...(this.expiresInSeconds === undefined ? {} : { expires_in: this.expiresInSeconds }),
        scope: form.get('scope') ?? undefined,
      }),
    );
  }

  private authenticated(req: IncomingMessage, form: URLSearchParams): boolean {
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    if (basic) {
      const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
      return (
        decodeURIComponent(id.replace(/\+/g, ' ')) === this.clientId &&
        decodeURIComponent(secret.replace(/\+/g, ' ')) === this.clientSecret
      );
    }
    return (
      form.get('client_id') === this.clientId && form.get('client_secret') === this.clientSecret
    );
  }

  start(): Promise<string> {
    return listen(this.server, this.sockets);
  }

  stop(): Promise<void> {
    return close(this.server, this.sockets);
  }
}

export interface AuthorizedRequest {
  authorization: string | undefined;
  headers: IncomingMessage['headers'];
  body: string;
  /** The CN of the client certificate presented (HTTPS receivers). */
  clientCertificate?: string;
}

/**
 * A real receiver on loopback that answers 200 only to requests `accepts` approves (a header,
 * Basic credentials, a bearer token the token server issued) and 401 otherwise. With `tls`, it
 * is an HTTPS server that asks for a client certificate and accepts only ones its CA issued.
 */
export class AuthorizingReceiver {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  readonly requests: AuthorizedRequest[] = [];

  constructor(
    public accepts: (req: IncomingMessage) => boolean,
    private readonly tls?: { key: string; cert: string; ca: string },
  ) {
    const handler = (req: IncomingMessage, res: ServerResponse) =>
      void readBody(req).then((body) => {
        const peer = req.socket instanceof TLSSocket ? req.socket.getPeerCertificate() : undefined;
        this.requests.push({
          authorization: req.headers.authorization,
          headers: req.headers,
          body,
          ...(peer?.subject ? { clientCertificate: String(peer.subject.CN) } : {}),
        });
        res.writeHead(this.accepts(req) ? 200 : 401, { 'content-type': 'text/plain' });
        res.end('');
      });
    this.server = tls
      ? (createHttpsServer(
          { ...tls, requestCert: true, rejectUnauthorized: true },
          handler,
        ) as unknown as Server)
      : createServer(handler);
  }

  start(): Promise<string> {
    return listen(this.server, this.sockets, this.tls ? 'https' : 'http');
  }

  stop(): Promise<void> {
    return close(this.server, this.sockets);
  }
}
