import { HttpException } from '@nestjs/common';

/** One thing wrong with a request, naming the field (`retryPolicy.maxAttempts`). */
export interface FieldIssue {
  field: string;
  message: string;
}

/** An RFC 9457 problem document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldIssue[];
  /** Which tenant limit refused the request (429 and quota 409s). */
  limit?: { name: string; value: number; used?: number };
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  408: 'Request Timeout',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemOf(status: number, detail: string, errors?: FieldIssue[]): Problem {
  return {
    // RFC 9457: about:blank when the problem is just the HTTP status; `errors` carries the fields.
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** Thrown by use-cases and guards; rendered as application/problem+json by the filter. */
export class ProblemException extends HttpException {
  constructor(
    readonly problem: Problem,
    /** Response headers that go with the problem (`Retry-After`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(problem, problem.status);
  }
}

export const invalid = (errors: FieldIssue[]) =>
  new ProblemException(
    problemOf(400, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors),
  );

export const invalidField = (field: string, message: string) => invalid([{ field, message }]);

/**
 * Also used for another tenant's objects: never reveal that they exist. `field` names the path
 * parameter that found nothing.
 */
export const notFound = (what: string, field = 'id') =>
  new ProblemException(
    problemOf(404, `${what} was not found`, [{ field, message: 'was not found' }]),
  );

export const unauthorized = (detail = 'a valid Authorization: Bearer token is required') =>
  new ProblemException(problemOf(401, detail, [{ field: 'Authorization', message: detail }]));

export const forbidden = (detail: string) =>
  new ProblemException(problemOf(403, detail, [{ field: 'Authorization', message: detail }]));

/** 403 for a field this caller may not set (a tenant asking for a public event type). */
export const forbiddenField = (field: string, message: string) =>
  new ProblemException(problemOf(403, `${field}: ${message}`, [{ field, message }]));

export const conflict = (detail: string, field?: string) =>
  new ProblemException(problemOf(409, detail, field ? [{ field, message: detail }] : undefined));

/** 409: one more object would exceed a tenant quota (waiting does not help: delete some). */
export const quotaExceeded = (quota: string, limit: number, used: number) =>
  new ProblemException({
    ...problemOf(
      409,
      `the tenant's ${quota} quota is used up (${used} of ${limit}); delete some or ask the operator for more`,
      [{ field: `limits.${quota}`, message: `${limit} reached` }],
    ),
    limit: { name: quota, value: limit, used },
  });

/** 429: over the tenant's rate; `Retry-After` says in how many seconds a request would pass. */
export const tooManyRequests = (limitName: string, perSecond: number, waitMs: number) => {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new ProblemException(
    {
      ...problemOf(
        429,
        `the tenant's ${limitName} limit (${perSecond}/s) is used up; retry after ${seconds} s`,
        [{ field: `limits.${limitName}`, message: `${perSecond}/s exceeded` }],
      ),
      limit: { name: limitName, value: perSecond },
    },
    { 'retry-after': String(seconds) },
  );
};
