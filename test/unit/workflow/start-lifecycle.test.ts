import type { DynamoDBRecord } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stubAwsCalls } from '../../support/aws-calls.ts';
import { AwsServiceError } from '../../../functions/adapters/aws/aws-error.ts';
import { stepFunctions } from '../../../functions/adapters/aws/step-functions.ts';
import { context, useTestEnvironment } from '../../support/lambda.ts';

useTestEnvironment();
const { handler } = await import('../../../functions/workflow/start-lifecycle.ts');

const record = (
  eventName: 'INSERT' | 'MODIFY',
  pk: string,
  sk: string,
  sequence: string,
): DynamoDBRecord => ({
  eventName,
  dynamodb: { Keys: { pk: { S: pk }, sk: { S: sk } }, SequenceNumber: sequence },
});

const run = (...records: DynamoDBRecord[]) => handler({ Records: records }, context);

const started = { executionArn: 'arn', startDate: new Date('2026-11-23T00:00:00.000Z') };

beforeEach(() => {
  stubAwsCalls();
});

describe('stream consumer', () => {
  it('starts one execution per inserted complaint, named after it', async () => {
    vi.spyOn(stepFunctions, 'startExecution').mockResolvedValue(started);
    const result = await run(
      record('INSERT', 'COMPLAINT#A1', 'META', '1'),
      record('INSERT', 'COMPLAINT#A1', 'EVENT#x', '2'),
      record('MODIFY', 'COMPLAINT#A2', 'META', '3'),
      record('INSERT', 'REFERENCE#CMP-1', 'REFERENCE', '4'),
    );
    expect(result).toEqual({ batchItemFailures: [] });
    const calls = vi.mocked(stepFunctions.startExecution).mock.calls;
    expect(calls.map(([input]) => input)).toEqual([
      { stateMachineArn: process.env.STATE_MACHINE_ARN, name: 'A1', input: '{"complaintId":"A1"}' },
    ]);
  });

  it('treats an execution that already exists as done (redelivered record)', async () => {
    vi.spyOn(stepFunctions, 'startExecution').mockRejectedValue(
      new AwsServiceError('ExecutionAlreadyExists', 'exists', 400),
    );
    expect(await run(record('INSERT', 'COMPLAINT#A1', 'META', '1'))).toEqual({ batchItemFailures: [] });
  });

  it('reports the first failed record and stops there so order is kept on redelivery', async () => {
    vi.spyOn(stepFunctions, 'startExecution').mockImplementation((input) =>
      input.name === 'A2' ? Promise.reject(new Error('throttled')) : Promise.resolve(started),
    );
    const result = await run(
      record('INSERT', 'COMPLAINT#A1', 'META', '1'),
      record('INSERT', 'COMPLAINT#A2', 'META', '2'),
      record('INSERT', 'COMPLAINT#A3', 'META', '3'),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(vi.mocked(stepFunctions.startExecution).mock.calls.map(([input]) => input.name)).toEqual([
      'A1',
      'A2',
    ]);
  });
});
