import { STATUS_CODES } from 'node:http';
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { HttpProblem, problemResponse, problems, type Problem } from './problem.ts';

const JSON_BODY_PARSER = '@middy/http-json-body-parser';

interface HttpErrorShape {
  statusCode: number;
  expose?: boolean;
  cause?: { package?: string; data?: unknown; message?: string };
}

const isHttpError = (error: unknown): error is HttpErrorShape =>
  typeof error === 'object' && error !== null && typeof (error as HttpErrorShape).statusCode === 'number';

/**
 * Whether `@middy/http-error-handler` answers the error as it is (a client error) rather than with
 * an opaque 500: the same test it makes, so only what becomes a 500 is logged as unexpected.
 */
export const isClientError = (error: unknown): boolean =>
  isHttpError(error) && error.statusCode < 500 && (error.expose ?? true);

/**
 * The problem for an error `@middy/http-error-handler` kept: ours as thrown; middy's JSON body
 * parser's (415 wrong media type, 422 unparsable or a prototype key) as the problems this API has
 * always answered; any other client error as RFC 9457's `about:blank`; everything else opaque.
 */
export const problemFor = (error: unknown): Problem => {
  if (error instanceof HttpProblem) return error.problem;
  if (!isClientError(error)) return problems.internal().problem;
  const { statusCode, cause } = error as HttpErrorShape;
  if (cause?.package === JSON_BODY_PARSER) {
    if (statusCode === 415) return problems.unsupportedMediaType().problem;
    if (statusCode === 422) {
      // A syntax error carries JSON.parse's message; a refused prototype key carries only the key.
      return cause.message !== undefined
        ? problems.malformedJson(cause.message).problem
        : problems.forbiddenKey(String(cause.data)).problem;
    }
  }
  return { type: 'about:blank', title: STATUS_CODES[statusCode] ?? 'Error', status: statusCode };
};

/**
 * RFC 9457 on top of `@middy/http-error-handler`: that middleware decides between the error's own
 * status and an opaque 500 (and logs the latter); this one writes the problem+json body for it.
 * Registered before it, so its `onError` runs after it.
 */
export const problemDetails = (): middy.MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2
> => ({
  onError: (request) => {
    const { error } = request;
    request.response = problemResponse(
      problemFor(error),
      error instanceof HttpProblem ? error.retryAfterSeconds : undefined,
    );
  },
});
