import { createError } from '@middy/util';
import { describe, expect, it } from 'vitest';
import { isClientError, problemFor } from '../../../../functions/api/http/problem-details.ts';
import { problems } from '../../../../functions/api/http/problem.ts';

const parserError = (status: number, cause: Record<string, unknown>) =>
  createError(status, 'from the parser', { cause: { package: '@middy/http-json-body-parser', ...cause } });

describe('problemFor', () => {
  it('answers our own problem as thrown', () => {
    expect(problemFor(problems.idempotencyKeyReused())).toEqual(problems.idempotencyKeyReused().problem);
  });

  it("maps the JSON parser's 415 to unsupported-media-type", () => {
    expect(problemFor(parserError(415, { data: 'text/plain' }))).toEqual(
      problems.unsupportedMediaType().problem,
    );
  });

  it("maps the JSON parser's 422 for bad syntax to 400 malformed-json with its message", () => {
    expect(problemFor(parserError(422, { data: '{', message: "Expected property name or '}'" }))).toEqual(
      problems.malformedJson("Expected property name or '}'").problem,
    );
  });

  it("maps the JSON parser's 422 for a prototype key to 400 naming the key", () => {
    expect(problemFor(parserError(422, { data: 'constructor' }))).toMatchObject({
      status: 400,
      errors: [{ field: 'constructor', message: 'is not a known field' }],
    });
  });

  it('answers any other client error as about:blank with its status and no detail', () => {
    expect(problemFor(createError(405, 'Method Not Allowed: internal hint'))).toEqual({
      type: 'about:blank',
      title: 'Method Not Allowed',
      status: 405,
    });
  });

  it.each([
    ['a plain error', new Error('boom')],
    ['a 5xx http error', createError(503, 'upstream down')],
    ['a 4xx http error marked not to expose', createError(400, 'internal', { expose: false })],
    ['what http-error-handler leaves for those', { statusCode: 500, expose: true }],
  ])('answers %s with the opaque internal problem', (_name, error) => {
    expect(problemFor(error)).toEqual(problems.internal().problem);
  });
});

describe('isClientError', () => {
  it.each([
    [problems.notFound(), true],
    [createError(422, 'x'), true],
    [createError(400, 'x', { expose: false }), false],
    [createError(500, 'x'), false],
    [new Error('x'), false],
    [{ status: 400 }, false],
  ])('%o → %s', (error, expected) => {
    expect(isClientError(error)).toBe(expected);
  });
});
