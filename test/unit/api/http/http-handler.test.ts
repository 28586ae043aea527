import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger } from '../../../../functions/adapters/logger.ts';
import { httpHandler } from '../../../../functions/api/http/middleware.ts';
import { HttpProblem, jsonResponse, problems } from '../../../../functions/api/http/problem.ts';
import { forbidden, requireStaff } from '../../../../functions/api/http/staff-auth.ts';
import { context, httpEvent } from '../../../support/lambda.ts';

const MAX_BYTES = 64;

/** A JSON route that answers the body it received, so a test sees what the middlewares passed on. */
const echoRoute = vi.fn((event: { body: unknown }) =>
  Promise.resolve(jsonResponse(200, { body: event.body })),
);
const jsonRoute = httpHandler({ jsonBody: { maxBytes: MAX_BYTES } }, echoRoute);

const post = async (
  body: string | undefined,
  headers: Record<string, string> = {},
  isBase64Encoded = false,
) =>
  await jsonRoute(
    httpEvent({
      ...(body === undefined ? {} : { body }),
      headers: { 'content-type': 'application/json', ...headers },
      isBase64Encoded,
    }),
    context,
  );

const problemOf = (response: { statusCode?: number; headers?: Record<string, unknown>; body?: string }) => {
  expect(response.headers?.['content-type']).toBe('application/problem+json');
  return JSON.parse(response.body!) as Record<string, unknown>;
};

afterEach(() => {
  vi.restoreAllMocks();
  echoRoute.mockClear();
});

describe('httpHandler with a JSON body', () => {
  it('hands the route the parsed body', async () => {
    const response = await post('{"message":"发票已上传"}');
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body!)).toEqual({ body: { message: '发票已上传' } });
  });

  it('decodes a base64 body within the limit', async () => {
    const response = await post(Buffer.from('{"a":1}').toString('base64'), {}, true);
    expect(JSON.parse(response.body!)).toEqual({ body: { a: 1 } });
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['no content type', ''],
    ['a form', 'application/x-www-form-urlencoded'],
    ['charset=latin1', 'application/json; charset=latin1'],
    ['a quoted charset=ISO-8859-1', 'application/json; charset="ISO-8859-1"'],
  ])('answers %s with 415 unsupported-media-type', async (_name, contentType) => {
    const response = await post('{}', { 'content-type': contentType });
    expect(response.statusCode).toBe(415);
    expect(problemOf(response)).toEqual({
      type: '/problems/unsupported-media-type',
      title: 'Unsupported media type',
      status: 415,
      detail: 'Send the body as application/json in UTF-8.',
    });
    expect(echoRoute).not.toHaveBeenCalled();
  });

  it.each([
    ['charset=utf-8', 'application/json; charset=utf-8'],
    ['charset="UTF8"', 'application/json;charset="UTF8"'],
    ['a +json media type', 'application/merge-patch+json'],
  ])('accepts %s', async (_name, contentType) => {
    expect((await post('{}', { 'content-type': contentType })).statusCode).toBe(200);
  });

  it('answers a body one byte over the limit with 413, counting UTF-8 bytes, not characters', async () => {
    // 21 three-byte characters + 2 quotes = 65 bytes but 23 characters.
    const body = JSON.stringify('投'.repeat(21));
    expect(Buffer.byteLength(body)).toBe(MAX_BYTES + 1);
    const response = await post(body);
    expect(response.statusCode).toBe(413);
    expect(problemOf(response)).toEqual({
      type: '/problems/payload-too-large',
      title: 'The body is too large',
      status: 413,
      detail: `The body must be at most ${MAX_BYTES} bytes.`,
    });
    expect(echoRoute).not.toHaveBeenCalled();
  });

  it('accepts a body of exactly the limit', async () => {
    const body = JSON.stringify('x'.repeat(MAX_BYTES - 2));
    expect((await post(body)).statusCode).toBe(200);
  });

  it('measures a base64 body by its decoded bytes: over the limit is 413', async () => {
    const raw = JSON.stringify('x'.repeat(MAX_BYTES - 1));
    const response = await post(Buffer.from(raw).toString('base64'), {}, true);
    expect(response.statusCode).toBe(413);
    expect(echoRoute).not.toHaveBeenCalled();
  });

  it('measures a base64 body by its decoded bytes: an encoding longer than the limit still passes', async () => {
    const raw = JSON.stringify('x'.repeat(MAX_BYTES - 2));
    const encoded = Buffer.from(raw).toString('base64');
    expect(encoded.length).toBeGreaterThan(MAX_BYTES);
    expect((await post(encoded, {}, true)).statusCode).toBe(200);
  });

  it('answers an oversized body of the wrong media type with 415, as before the limit', async () => {
    const response = await post('x'.repeat(MAX_BYTES * 2), { 'content-type': 'text/plain' });
    expect(response.statusCode).toBe(415);
  });

  it.each([
    ['an absent body', undefined],
    ['an empty body', ''],
  ])('answers %s with 400 malformed-json saying it is empty', async (_name, body) => {
    const response = await post(body);
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toEqual({
      type: '/problems/malformed-json',
      title: 'The body is not valid JSON',
      status: 400,
      detail: 'The body is empty.',
    });
  });

  it("answers malformed JSON with 400 malformed-json and JSON.parse's message", async () => {
    const response = await post('{"customer":');
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toEqual({
      type: '/problems/malformed-json',
      title: 'The body is not valid JSON',
      status: 400,
      detail: 'Unexpected end of JSON input',
    });
    expect(echoRoute).not.toHaveBeenCalled();
  });

  it('answers a __proto__ key with 400 validation-error naming it, as an unknown field', async () => {
    const response = await post('{"__proto__":{"admin":true}}');
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toEqual({
      type: '/problems/validation-error',
      title: 'The request is not valid',
      status: 400,
      detail: '__proto__: is not a known field',
      errors: [{ field: '__proto__', message: 'is not a known field' }],
    });
  });
});

describe('httpHandler errors', () => {
  const throwing = (error: unknown) =>
    httpHandler(() => Promise.reject(error instanceof Error ? error : new Error(String(error))));
  const call = async (error: unknown, event: APIGatewayProxyEventV2 = httpEvent()) =>
    await throwing(error)(event, context);

  it('answers a validation problem with 400 and every field in errors[]', async () => {
    const errors = [
      { field: 'subject', message: 'is required' },
      { field: 'customer.email', message: 'is not an email address' },
    ];
    const response = await call(problems.validation(errors));
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toEqual({
      type: '/problems/validation-error',
      title: 'The request is not valid',
      status: 400,
      detail: 'subject: is required; customer.email: is not an email address',
      errors,
    });
  });

  it('answers 401 for a request without staff claims', async () => {
    const response = await httpHandler((event) => {
      requireStaff(event);
      return Promise.resolve(jsonResponse(200, {}));
    })(httpEvent(), context);
    expect(response.statusCode).toBe(401);
    expect(problemOf(response)).toMatchObject({ type: '/problems/unauthorized', status: 401 });
  });

  it.each([
    [403, forbidden('This complaint belongs to another department.')],
    [404, problems.notFound()],
    [409, problems.idempotencyKeyReused()],
    [
      422,
      new HttpProblem({
        type: '/problems/illegal-transition',
        title: 'Action not allowed in this status',
        status: 422,
        detail: 'A complaint that is closed allows: reopen.',
        allowed: ['reopen'],
      }),
    ],
  ])('answers a thrown %i problem with exactly its problem', async (status, problem) => {
    const response = await call(problem);
    expect(response.statusCode).toBe(status);
    expect(problemOf(response)).toEqual(problem.problem);
    expect(response.headers?.['cache-control']).toBe('no-store');
  });

  it('answers anything unexpected with an opaque 500 and logs it', async () => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const response = await call(new Error('ECONNRESET at 10.0.0.7: secret detail'));
    expect(response.statusCode).toBe(500);
    expect(problemOf(response)).toEqual(problems.internal().problem);
    expect(response.body).not.toContain('secret detail');
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0]![0]).toBe('Unhandled error');
  });

  it('answers a complaint too busy to change (ConcurrentChange) with 503 and Retry-After, not 500', async () => {
    const errors = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const warnings = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const { ConcurrentChange } = await import('../../../../functions/adapters/complaint-store.ts');
    const response = await call(new ConcurrentChange('Complaint C1 changed while deciding'));
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('1');
    expect(problemOf(response)).toMatchObject({ type: '/problems/busy', status: 503 });
    // Handled: a warning naming the problem, not an "Unhandled error" for the error alarms.
    expect(errors).not.toHaveBeenCalled();
    expect(warnings).toHaveBeenCalledWith('Answered retry later', {
      problem: '/problems/busy',
      cause: { name: 'ConcurrentChange' },
    });
  });

  it('answers a dependency that stayed unavailable (throttled, timed out, refused) with 503 and Retry-After', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'ProvisionedThroughputExceededException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
    for (const error of [refused, throttled]) {
      const response = await call(error);
      expect(response.statusCode).toBe(503);
      expect(response.headers?.['retry-after']).toBe('5');
      expect(problemOf(response)).toMatchObject({ type: '/problems/service-unavailable', status: 503 });
    }
    expect(logger.error).not.toHaveBeenCalled();
    expect((await call(new TypeError('x is undefined'))).statusCode).toBe(500);
  });

  it('answers a problem with a Retry-After as that header', async () => {
    const response = await call(problems.tooManyRequests('At most 5 an hour.', 900));
    expect(response.statusCode).toBe(429);
    expect(response.headers?.['retry-after']).toBe('900');
    expect(problemOf(response)).toMatchObject({ type: '/problems/too-many-requests', status: 429 });
  });

  it('does not log a client problem as unexpected', async () => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    await call(problems.notFound());
    expect(logged).not.toHaveBeenCalled();
  });
});

describe('httpHandler headers', () => {
  it('hands the route lower-case header names', async () => {
    const seen = vi.fn((event: APIGatewayProxyEventV2) =>
      Promise.resolve(jsonResponse(200, { key: event.headers['idempotency-key'] })),
    );
    const response = await httpHandler(seen)(httpEvent({ headers: { 'Idempotency-Key': 'key-1' } }), context);
    expect(JSON.parse(response.body!)).toEqual({ key: 'key-1' });
  });

  it.each([
    ['a success', httpHandler(() => Promise.resolve(jsonResponse(200, {})))],
    ['a problem', httpHandler(() => Promise.reject(problems.notFound()))],
    ['an unexpected error', httpHandler(() => Promise.reject(new Error('boom')))],
  ])('puts the security headers on %s', async (_name, handler) => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const { headers } = await handler(httpEvent(), context);
    expect(headers).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Strict-Transport-Security': 'max-age=15552000; includeSubDomains',
    });
    expect(headers?.['Content-Security-Policy']).toMatch(/^default-src 'none'; .*frame-ancestors 'none'/u);
    expect(headers?.['Content-Security-Policy']).not.toContain('report-to');
    expect(headers).not.toHaveProperty('Permissions-Policy');
  });
});
