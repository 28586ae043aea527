import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { logger } from '../../adapters/logger.ts';
import { originVerify } from './origin-verify.ts';
import { HttpProblem, problemResponse, problems } from './problem.ts';

type HttpRoute = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** Maps thrown problems to problem+json and anything unexpected to a logged, opaque 500. */
const problemErrors = (): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => ({
  onError: (request) => {
    const { error } = request;
    if (error instanceof HttpProblem) {
      request.response = problemResponse(error.problem);
      return;
    }
    logger.error('Unhandled error', { error: error ?? undefined });
    request.response = problemResponse(problems.internal().problem);
  },
});

/** Wraps an API route: Lambda context in the logs, only requests through CloudFront, problem+json errors. */
export const httpHandler = (route: HttpRoute) =>
  middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(originVerify())
    .use(problemErrors())
    .handler(route);
