import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FieldError } from '../../domain/field-errors.ts';

/** RFC 9457 problem details, the body of every error response. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  /** For an illegal transition: the actions the complaint's status allows. */
  allowed?: string[];
}

/**
 * An error that maps to a client response; thrown anywhere below a handler. It carries
 * `statusCode` and `expose` as middy's `createError` errors do, so `@middy/http-error-handler`
 * answers it instead of replacing it with a 500.
 */
export class HttpProblem extends Error {
  readonly statusCode: number;
  readonly expose = true;

  /** `retryAfterSeconds`: answered as the Retry-After header (429, 503). */
  constructor(
    readonly problem: Problem,
    readonly retryAfterSeconds?: number,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'HttpProblem';
    this.statusCode = problem.status;
  }
}

const problemType = (slug: string) => `/problems/${slug}`;

/** The problem type of each refused proof of work (the web form tells them apart). */
export const PROOF_OF_WORK_PROBLEMS = {
  missing: 'proof-of-work-required',
  invalid: 'proof-of-work-invalid',
  expired: 'proof-of-work-expired',
  'already-used': 'proof-of-work-already-used',
} as const;

const PROOF_OF_WORK_DETAILS = {
  missing: 'The Proof-Of-Work header is missing.',
  invalid: 'The Proof-Of-Work header does not solve a challenge we issued.',
  expired: 'The challenge in the Proof-Of-Work header has expired.',
  'already-used': 'The solution in the Proof-Of-Work header was used before; each is accepted once.',
} as const;

export const problems = {
  validation: (errors: FieldError[]) =>
    new HttpProblem({
      type: problemType('validation-error'),
      title: 'The request is not valid',
      status: 400,
      detail: errors.map((error) => `${error.field}: ${error.message}`).join('; '),
      errors,
    }),
  malformedJson: (detail: string) =>
    new HttpProblem({
      type: problemType('malformed-json'),
      title: 'The body is not valid JSON',
      status: 400,
      detail,
    }),
  badHeader: (header: string, detail: string) =>
    new HttpProblem({
      type: problemType('validation-error'),
      title: 'The request is not valid',
      status: 400,
      detail: `${header}: ${detail}`,
      errors: [{ field: `header:${header}`, message: detail }],
    }),
  /** A key middy's JSON parser refuses against prototype pollution (`__proto__`): never a known field. */
  forbiddenKey: (key: string): HttpProblem =>
    problems.validation([{ field: key, message: 'is not a known field' }]),
  notFound: () =>
    new HttpProblem({
      type: problemType('not-found'),
      title: 'Not found',
      status: 404,
      detail: 'No complaint matches this id and token.',
    }),
  idempotencyKeyReused: () =>
    new HttpProblem({
      type: problemType('idempotency-key-reused'),
      title: 'Idempotency-Key already used',
      status: 409,
      detail:
        'This Idempotency-Key was used with a different request body. Use a new key for a new complaint.',
    }),
  tooLarge: (limitBytes: number) =>
    new HttpProblem({
      type: problemType('payload-too-large'),
      title: 'The body is too large',
      status: 413,
      detail: `The body must be at most ${limitBytes} bytes.`,
    }),
  unsupportedMediaType: () =>
    new HttpProblem({
      type: problemType('unsupported-media-type'),
      title: 'Unsupported media type',
      status: 415,
      detail: 'Send the body as application/json in UTF-8.',
    }),
  /** A limit on one party (domain/limits.ts) is reached for now: nothing was stored. */
  tooManyRequests: (detail: string, retryAfterSeconds: number) =>
    new HttpProblem(
      { type: problemType('too-many-requests'), title: 'Too many requests', status: 429, detail },
      retryAfterSeconds,
    ),
  /**
   * The request lacks a fresh solution of one of our proof-of-work challenges (domain/proof-of-work.ts):
   * nothing was stored or mailed. Each reason has its own type, so a client knows to fetch a new one.
   */
  proofOfWork: (reason: 'missing' | 'invalid' | 'expired' | 'already-used') =>
    new HttpProblem({
      type: problemType(PROOF_OF_WORK_PROBLEMS[reason]),
      title: 'Proof of work required',
      status: 403,
      detail: `${PROOF_OF_WORK_DETAILS[reason]} Fetch a new challenge from GET /v1/challenge, solve it and send the solution in the Proof-Of-Work header. Nothing was stored.`,
    }),
  internal: () =>
    new HttpProblem({
      type: problemType('internal-error'),
      title: 'Internal error',
      status: 500,
      detail:
        'Something went wrong on our side. Nothing you sent was lost if you received a 201; otherwise retry with the same Idempotency-Key.',
    }),
};

export const problemResponse = (
  problem: Problem,
  retryAfterSeconds?: number,
): APIGatewayProxyStructuredResultV2 => ({
  statusCode: problem.status,
  headers: {
    'content-type': 'application/problem+json',
    'cache-control': 'no-store',
    ...(retryAfterSeconds !== undefined ? { 'retry-after': String(Math.ceil(retryAfterSeconds)) } : {}),
  },
  body: JSON.stringify(problem),
});

export const jsonResponse = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});
