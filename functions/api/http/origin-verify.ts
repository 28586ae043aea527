import { createHash, timingSafeEqual } from 'node:crypto';
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { problemResponse } from './problem.ts';

/** The header CloudFront adds to every API request (infra/constructs/web-hosting.ts). */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Refuses (403) requests that did not come through CloudFront, i.e. whose ORIGIN_VERIFY_HEADER is not
 * the secret in ORIGIN_VERIFY_SECRET: an HTTP API cannot take a WAF web ACL or turn its execute-api
 * endpoint off without a custom domain (which would be reachable around CloudFront too), so the WAF
 * in front of CloudFront is enforced here. Without ORIGIN_VERIFY_SECRET (the local runtime) every
 * request passes.
 */
export const originVerify = (
  secret = process.env.ORIGIN_VERIFY_SECRET,
): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => ({
  before: (request) => {
    if (!secret) return undefined;
    const sent = request.event.headers?.[ORIGIN_VERIFY_HEADER] ?? '';
    // Digests are of equal length, so the comparison takes the same time however much matches.
    if (timingSafeEqual(digest(sent), digest(secret))) return undefined;
    return problemResponse({
      type: '/problems/forbidden',
      title: 'Forbidden',
      status: 403,
      detail: 'Use the published API address.',
    });
  },
});
