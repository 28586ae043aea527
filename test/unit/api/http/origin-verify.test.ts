import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { ORIGIN_VERIFY_HEADER, originVerify } from '../../../../functions/api/http/origin-verify.ts';
import { context, httpEvent } from '../../../support/lambda.ts';

const SECRET = 'b7Qe0kM2pX9rT4vW8yZ1aC3dF5gH6jL0';

/** A route behind the middleware that answers 200 and records that it ran. */
const routeBehind = (secret: string | undefined) => {
  const route = vi.fn(async () => Promise.resolve({ statusCode: 200, body: 'ok' }));
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(originVerify(secret))
    .handler(route);
  return { route, handler };
};

const call = async (secret: string | undefined, headers: Record<string, string>) => {
  const { route, handler } = routeBehind(secret);
  const response = await handler(httpEvent({ headers }), context);
  return { response, ran: route.mock.calls.length > 0 };
};

describe('originVerify', () => {
  it('lets through a request that carries the secret (it came through CloudFront)', async () => {
    const { response, ran } = await call(SECRET, { [ORIGIN_VERIFY_HEADER]: SECRET });
    expect(ran).toBe(true);
    expect(response.statusCode).toBe(200);
  });

  it.each([
    ['no header', {}],
    ['a wrong value', { [ORIGIN_VERIFY_HEADER]: `${SECRET}x` }],
    ['an empty value', { [ORIGIN_VERIFY_HEADER]: '' }],
  ])('refuses a request with %s (straight to execute-api) with a 403 problem', async (_, headers) => {
    const { response, ran } = await call(SECRET, headers);
    expect(ran).toBe(false);
    expect(response.statusCode).toBe(403);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({ status: 403, title: 'Forbidden' });
  });

  it('checks nothing without a configured secret (the local runtime)', async () => {
    const { response, ran } = await call(undefined, {});
    expect(ran).toBe(true);
    expect(response.statusCode).toBe(200);
  });
});
