import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { isDependencyUnavailable } from '../../adapters/dependency-unavailable.ts';
import { HttpProblem } from './problem.ts';

/** Errors that say "not now" rather than "wrong": too many writers on one complaint at once. */
const BUSY_ERRORS = new Set(['ConcurrentChange']);

export const RETRY_AFTER_BUSY_SECONDS = 1;
/** Long enough for a restarted or throttled dependency; short enough that a person waits for it. */
export const RETRY_AFTER_UNAVAILABLE_SECONDS = 5;

/**
 * A complaint too busy to change right now (every retry of the optimistic write lost a race) is
 * answered 503 with Retry-After, not an opaque 500: nothing was changed and the same request may be
 * sent again. So is a dependency that did not answer usefully after the SDK's own retries (DynamoDB
 * throttled, restarting or timing out, a 5xx): the caller is told to come back, as API Gateway would
 * for an unavailable backend. Registered after `@middy/http-error-handler`, so its `onError` runs first.
 */
export const retryLater = (): middy.MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2
> => ({
  onError: (request) => {
    if (request.error instanceof Error && BUSY_ERRORS.has(request.error.name)) {
      request.error = new HttpProblem(
        {
          type: '/problems/busy',
          title: 'The complaint is busy',
          status: 503,
          detail:
            'Other changes to this complaint are being saved. Nothing was changed: send the request again.',
        },
        RETRY_AFTER_BUSY_SECONDS,
      );
      request.error.cause = { name: 'ConcurrentChange' };
    } else if (isDependencyUnavailable(request.error)) {
      const cause = request.error as Error;
      request.error = new HttpProblem(
        {
          type: '/problems/service-unavailable',
          title: 'The service is briefly unavailable',
          status: 503,
          detail:
            'A service this request needs did not answer in time. Send the request again shortly; a complaint sent with the same Idempotency-Key is never recorded twice.',
        },
        RETRY_AFTER_UNAVAILABLE_SECONDS,
      );
      request.error.cause = { name: cause.name, message: cause.message };
    }
  },
});
