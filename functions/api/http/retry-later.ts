import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { HttpProblem } from './problem.ts';

/** Errors that say "not now" rather than "wrong": too many writers on one complaint at once. */
const BUSY_ERRORS = new Set(['ConcurrentChange']);

export const RETRY_AFTER_BUSY_SECONDS = 1;

/**
 * A complaint too busy to change right now (every retry of the optimistic write lost a race) is
 * answered 503 with Retry-After, not an opaque 500: nothing was changed and the same request may be
 * sent again. Registered after `@middy/http-error-handler`, so its `onError` runs first.
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
    }
  },
});
