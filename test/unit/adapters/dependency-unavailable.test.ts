import {
  ConditionalCheckFailedException,
  DynamoDBServiceException,
  InternalServerError,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { MessageRejected, SESServiceException } from '@aws-sdk/client-ses';
import { describe, expect, it } from 'vitest';
import {
  asDependencyUnavailable,
  DependencyUnavailable,
  isDependencyUnavailable,
} from '../../../functions/adapters/dependency-unavailable.ts';
import { ConcurrentChange } from '../../../functions/adapters/complaint-store.ts';

const $metadata = {};
const networkError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:8000`), { code });

describe('isDependencyUnavailable: a dependency asking to be tried again later', () => {
  it.each([
    ['DynamoDB throttling', new ProvisionedThroughputExceededException({ message: 'slow down', $metadata })],
    [
      'SES throttling',
      new SESServiceException({
        name: 'Throttling',
        $fault: 'client',
        message: 'Maximum sending rate exceeded',
        $metadata,
      }),
    ],
    ['DynamoDB InternalServerError', new InternalServerError({ message: 'oops', $metadata })],
    [
      'any service exception with $fault "server"',
      new DynamoDBServiceException({ name: 'SomethingBroke', $fault: 'server', $metadata }),
    ],
    [
      'a 503 answer',
      new DynamoDBServiceException({
        name: 'ServiceUnavailable',
        $fault: 'client',
        $metadata: { httpStatusCode: 503 },
      }),
    ],
    [
      'an error the SDK marks $retryable',
      Object.assign(new DynamoDBServiceException({ name: 'Odd', $fault: 'client', $metadata }), {
        $retryable: {},
      }),
    ],
    ['the SDK TimeoutError', Object.assign(new Error('socket timed out'), { name: 'TimeoutError' })],
    ['ECONNREFUSED', networkError('ECONNREFUSED')],
    ['ECONNRESET', networkError('ECONNRESET')],
    ['ETIMEDOUT', networkError('ETIMEDOUT')],
    ['EPIPE', networkError('EPIPE')],
    ['a network error as the cause', new Error('request failed', { cause: networkError('ECONNREFUSED') })],
    ['a complaint too busy to save', new ConcurrentChange('Complaint X changed while deciding')],
  ])('%s is transient', (_what, error) => {
    expect(isDependencyUnavailable(error)).toBe(true);
  });

  it.each([
    [
      'ConditionalCheckFailed (a race the caller handles)',
      new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata }),
    ],
    ['SES refusing a message', new MessageRejected({ message: 'Email address is not verified', $metadata })],
    [
      'a 400 answer',
      new DynamoDBServiceException({
        name: 'ValidationException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      }),
    ],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'sla')")],
    ['a plain error', new Error('Complaint 01ARZ has no SLA clocks')],
    ['an abort', Object.assign(new Error('aborted'), { name: 'AbortError', code: 'ECONNRESET' })],
    ['not an error at all', 'ECONNREFUSED'],
  ])('%s is not', (_what, error) => {
    expect(isDependencyUnavailable(error)).toBe(false);
  });
});

describe('asDependencyUnavailable', () => {
  it('turns a transient error into DependencyUnavailable, keeping it as the cause and naming it in the message', () => {
    const throttled = new ProvisionedThroughputExceededException({ message: 'slow down', $metadata });
    const converted = asDependencyUnavailable(throttled);
    expect(converted).toBeInstanceOf(DependencyUnavailable);
    expect(converted).toMatchObject({
      name: 'DependencyUnavailable',
      cause: throttled,
      message: 'A dependency is unavailable: ProvisionedThroughputExceededException: slow down',
    });
  });

  it('lets every other error through unchanged, and does not wrap twice', () => {
    const bug = new TypeError('x is not a function');
    expect(asDependencyUnavailable(bug)).toBe(bug);
    const conflict = new ConditionalCheckFailedException({ message: 'failed', $metadata });
    expect(asDependencyUnavailable(conflict)).toBe(conflict);
    const already = new DependencyUnavailable(networkError('ECONNRESET'));
    expect(asDependencyUnavailable(already)).toBe(already);
  });
});
