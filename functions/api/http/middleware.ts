import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpSecurityHeaders from '@middy/http-security-headers';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { logger } from '../../adapters/logger.ts';
import { publishBusinessMetrics } from '../../adapters/metrics.ts';
import { refreshRegistered } from '../../adapters/refresh-before-invocation.ts';
import { tracer } from '../../adapters/tracer.ts';
import { jsonBodyLimits, type JsonBodyOptions } from './json-body.ts';
import { isClientError, problemDetails } from './problem-details.ts';
import { originVerify } from './origin-verify.ts';
import { HttpProblem } from './problem.ts';
import { retryLater } from './retry-later.ts';

type HttpRoute<TEvent> = (event: TEvent, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** The event of a route with a JSON body: `body` is the parsed JSON, still to be validated. */
export type JsonBodyEvent = Omit<APIGatewayProxyEventV2, 'body'> & { body: unknown };

type HttpLambda = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The security headers of every answer. The API answers JSON and CSV, never a page, so middy's
 * defaults stay (nosniff, HSTS, no framing, no referrer, same-origin resources) except two: no
 * Permissions-Policy (only documents read it; 821 bytes on every response), and a content security
 * policy of `default-src 'none'` without `report-to`, as no reporting endpoint exists.
 */
const SECURITY_HEADERS = {
  contentSecurityPolicy: { 'default-src': "'none'", 'report-to': '' },
  permissionsPolicy: false,
};

/**
 * Only what becomes an opaque 500 is an error in the logs. A 503 "retry later" (a busy complaint, an
 * unavailable dependency: see retry-later.ts) was handled; it is a warning with its problem type, which
 * the error alarms do not count.
 */
const logUnexpected = (error: Error) => {
  if (isClientError(error)) return;
  if (error instanceof HttpProblem)
    logger.warn('Answered retry later', { problem: error.problem.type, cause: error.cause });
  else logger.error('Unhandled error', { error });
};

/**
 * Wraps an API route: Lambda context in the logs, only requests through CloudFront, an X-Ray segment
 * (without the response: it is complaint data), business metrics, lower-case headers, security
 * headers, problem+json errors (an opaque, logged 500 for anything unexpected), the policy refreshed
 * (for the functions that read it) and, with `jsonBody`,
 * the body parsed as JSON within the route's byte limit.
 */
export function httpHandler(route: HttpRoute<APIGatewayProxyEventV2>): HttpLambda;
export function httpHandler(
  options: { jsonBody: JsonBodyOptions },
  route: HttpRoute<JsonBodyEvent>,
): HttpLambda;
export function httpHandler(
  routeOrOptions: HttpRoute<APIGatewayProxyEventV2> | { jsonBody: JsonBodyOptions },
  jsonRoute?: HttpRoute<JsonBodyEvent>,
): HttpLambda {
  // onError runs in the reverse order of use(): the error handler first, then the problem body,
  // then the security headers on it.
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    // Only requests that came through CloudFront (and its WAF); a no-op outside AWS.
    .use(originVerify())
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(publishBusinessMetrics())
    .use(httpSecurityHeaders(SECURITY_HEADERS))
    .use(problemDetails())
    .use(httpErrorHandler({ logger: logUnexpected }))
    .use(retryLater())
    .use(httpHeaderNormalizer())
    // The active policy version, checked at most every POLICY_REFRESH_SECONDS (adapters/policy-source.ts).
    .use(refreshRegistered());
  if (typeof routeOrOptions === 'function') return handler.handler(routeOrOptions);
  // The parser replaces the body string with its JSON value, the shape JsonBodyEvent declares.
  const route = jsonRoute as unknown as HttpRoute<APIGatewayProxyEventV2>;
  return handler.use(jsonBodyLimits(routeOrOptions.jsonBody)).use(httpJsonBodyParser()).handler(route);
}
