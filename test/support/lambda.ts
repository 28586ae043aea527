import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

export const TEST_SIGNING_KEY = Buffer.alloc(32, 7).toString('base64');

/**
 * Environment the handlers read, set before any handler runs. `metrics`: Powertools prints its EMF
 * lines (for a test that reads them); otherwise the metrics code runs without printing.
 */
export const useTestEnvironment = (options: { metrics?: boolean } = {}) => {
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    TABLE_NAME: 'complaints-test',
    STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:complaint-lifecycle',
    SENDER_EMAIL: 'complaints@example.com',
    PUBLIC_WEB_URL: 'https://complaints.example.com',
    TOKEN_SIGNING_KEY: TEST_SIGNING_KEY,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    // The metrics code runs; its EMF lines are not printed (test/unit/app checks what is counted).
    POWERTOOLS_METRICS_DISABLED: options.metrics ? 'false' : 'true',
  });
};

export const context = {
  functionName: 'test',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 10_000,
} as Context;

export const httpEvent = (overrides: Partial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 => ({
  version: '2.0',
  routeKey: 'POST /v1/complaints',
  rawPath: '/v1/complaints',
  rawQueryString: '',
  headers: { 'content-type': 'application/json' },
  isBase64Encoded: false,
  requestContext: {
    accountId: '1',
    apiId: 'api',
    domainName: 'api.example.com',
    domainPrefix: 'api',
    http: {
      method: 'POST',
      path: '/v1/complaints',
      protocol: 'HTTP/1.1',
      sourceIp: '127.0.0.1',
      userAgent: 'test',
    },
    requestId: 'r',
    routeKey: 'POST /v1/complaints',
    stage: '$default',
    time: '',
    timeEpoch: 0,
  },
  ...overrides,
});
