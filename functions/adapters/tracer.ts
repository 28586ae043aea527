import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * X-Ray tracing (Powertools): every AWS SDK client is captured, so one request can be followed through
 * DynamoDB, Step Functions and SES. Off outside Lambda (the local runtime, tests): Powertools checks
 * the execution environment itself.
 */
export const tracer = new Tracer({ serviceName: 'complaints' });
