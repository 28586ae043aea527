import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { context, useTestEnvironment } from '../../support/lambda.ts';

useTestEnvironment();
const { handler } = await import('../../../functions/workflow/start-lifecycle.ts');

const sfn = mockClient(SFNClient);

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

beforeEach(() => sfn.reset());

describe('stream consumer', () => {
  it('starts one execution per inserted complaint, named after it', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn' });
    const result = await run(
      record('INSERT', 'COMPLAINT#A1', 'META', '1'),
      record('INSERT', 'COMPLAINT#A1', 'EVENT#x', '2'),
      record('MODIFY', 'COMPLAINT#A2', 'META', '3'),
      record('INSERT', 'REFERENCE#CMP-1', 'REFERENCE', '4'),
    );
    expect(result).toEqual({ batchItemFailures: [] });
    const calls = sfn.commandCalls(StartExecutionCommand);
    expect(calls.map((call) => call.args[0].input)).toEqual([
      { stateMachineArn: process.env.STATE_MACHINE_ARN, name: 'A1', input: '{"complaintId":"A1"}' },
    ]);
  });

  it('treats an execution that already exists as done (redelivered record)', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    expect(await run(record('INSERT', 'COMPLAINT#A1', 'META', '1'))).toEqual({ batchItemFailures: [] });
  });

  it('reports the first failed record and stops there so order is kept on redelivery', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn' });
    sfn.on(StartExecutionCommand, { name: 'A2' }).rejects(new Error('throttled'));
    const result = await run(
      record('INSERT', 'COMPLAINT#A1', 'META', '1'),
      record('INSERT', 'COMPLAINT#A2', 'META', '2'),
      record('INSERT', 'COMPLAINT#A3', 'META', '3'),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(sfn.commandCalls(StartExecutionCommand).map((call) => call.args[0].input.name)).toEqual([
      'A1',
      'A2',
    ]);
  });
});
