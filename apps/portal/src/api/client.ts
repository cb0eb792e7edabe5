import type { components, paths } from './openapi';

/** The API's schemas, as generated from /openapi.json. */
export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

export type Method = 'get' | 'post' | 'patch' | 'delete';

/** The paths that answer `method`. */
export type PathOf<M extends Method> = {
  [P in keyof paths]: [paths[P][M]] extends [undefined] ? never : P;
}[keyof paths];

type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

type ParamsOf<O, K extends 'path' | 'query'> = O extends { parameters: infer Ps }
  ? Ps extends Record<K, infer V>
    ? V
    : Ps extends Partial<Record<K, infer V>>
      ? V | undefined
      : undefined
  : undefined;

type BodyOf<O> = O extends { requestBody: { content: { 'application/json': infer B } } }
  ? B
  : O extends { requestBody?: { content: { 'application/json': infer B } } }
    ? B | undefined
    : undefined;

type Success = 200 | 201 | 202;
/** The JSON a successful call answers (undefined for 204). */
export type ResultOf<O> = O extends { responses: infer R }
  ? [keyof R & Success] extends [never]
    ? undefined
    : {
        [K in keyof R & Success]: R[K] extends { content: { 'application/json': infer T } }
          ? T
          : undefined;
      }[keyof R & Success]
  : never;

export interface CallOptions<O> {
  path?: ParamsOf<O, 'path'>;
  query?: ParamsOf<O, 'query'>;
  body?: BodyOf<O>;
}

/** A refused call, with the API's problem+json (the `detail` and the `errors` per field). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail || problem.title || `HTTP ${status}`);
  }

  /** What the API said of `field` (or of anything below it: `retryPolicy` for `retryPolicy.maxAttempts`). */
  messageFor(field: string): string | undefined {
    const issue = (this.problem.errors ?? []).find(
      (e) => e.field !== undefined && fieldRoot(e.field) === field,
    );
    return issue ? issue.message : undefined;
  }
}

/** `retryPolicy` of `retryPolicy.maxAttempts`, `/retryPolicy/delays/0` or `eventTypes[1]`. */
export function fieldRoot(field: string): string {
  return field.replace(/^[/$.]+/, '').split(/[./[]/)[0] ?? '';
}

/** `/v1/subscriptions/{id}` with `{ id: 'a b' }` → `/v1/subscriptions/a%20b`. */
export function fillPath(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === '') {
      throw new Error(`path parameter ${name} is missing`);
    }
    return encodeURIComponent(String(value));
  });
}

export function queryString(query: Record<string, unknown> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/**
 * The portal's only way to the API: the public routes of /openapi.json, typed by the generated
 * `paths`, authorised by the portal session's token exactly like a tenant key.
 */
export class HeraldClient {
  constructor(
    private readonly token: string,
    private readonly fetcher: Fetch,
    /** Called on a 401: the link expired or was revoked. */
    private readonly onUnauthorised: (problem: Problem) => void = () => undefined,
    private readonly baseUrl = '',
  ) {}

  get<P extends PathOf<'get'>>(path: P, options: CallOptions<Operation<P, 'get'>> = {}) {
    return this.call<ResultOf<Operation<P, 'get'>>>('GET', path, options);
  }

  post<P extends PathOf<'post'>>(path: P, options: CallOptions<Operation<P, 'post'>> = {}) {
    return this.call<ResultOf<Operation<P, 'post'>>>('POST', path, options);
  }

  patch<P extends PathOf<'patch'>>(path: P, options: CallOptions<Operation<P, 'patch'>> = {}) {
    return this.call<ResultOf<Operation<P, 'patch'>>>('PATCH', path, options);
  }

  delete<P extends PathOf<'delete'>>(path: P, options: CallOptions<Operation<P, 'delete'>> = {}) {
    return this.call<ResultOf<Operation<P, 'delete'>>>('DELETE', path, options);
  }

  private async call<T>(
    method: string,
    template: string,
    options: { path?: unknown; query?: unknown; body?: unknown },
  ): Promise<T> {
    const url =
      this.baseUrl +
      fillPath(template, options.path as Record<string, unknown>) +
      queryString(options.query as Record<string, unknown>);
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      accept: 'application/json, application/problem+json',
    };
    const init: RequestInit = { method, headers };
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await this.fetcher(url, init);
    } catch (error) {
      throw new ApiError(0, {
        type: 'about:blank',
        title: 'Network error',
        status: 0,
        detail: `the API could not be reached (${(error as Error).message})`,
      });
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const problem = asProblem(response.status, json);
      if (response.status === 401) this.onUnauthorised(problem);
      throw new ApiError(response.status, problem);
    }
    return json as T;
  }
}

function asProblem(status: number, json: unknown): Problem {
  if (json && typeof json === 'object' && typeof (json as Problem).detail === 'string') {
    return json as Problem;
  }
  return { type: 'about:blank', title: `HTTP ${status}`, status, detail: `HTTP ${status}` };
}
