import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { DynamoDBRecord } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { stepFunctions, stubAwsCalls } from '../../support/aws-calls.ts';
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
const startedNames = () =>
  stepFunctions.commandCalls(StartExecutionCommand).map(({ args: [command] }) => command.input.name);

beforeEach(() => {
  stubAwsCalls();
});

describe('stream consumer', () => {
  it('starts one execution per inserted complaint, named after it', async () => {
    stepFunctions.on(StartExecutionCommand).resolves(started);
    const result = await run(
      record('INSERT', 'COMPLAINT#A1', 'META', '1'),
      record('INSERT', 'COMPLAINT#A1', 'EVENT#x', '2'),
      record('MODIFY', 'COMPLAINT#A2', 'META', '3'),
      record('INSERT', 'REFERENCE#CMP-1', 'REFERENCE', '4'),
    );
    expect(result).toEqual({ batchItemFailures: [] });
    expect(stepFunctions).toHaveReceivedCommandExactlyOnceWith(StartExecutionCommand, {
      stateMachineArn: process.env.STATE_MACHINE_ARN,
      name: 'A1',
      input: '{"complaintId":"A1"}',
    });
  });

  it('treats an execution that already exists as done (redelivered record)', async () => {
    stepFunctions
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    expect(await run(record('INSERT', 'COMPLAINT#A1', 'META', '1'))).toEqual({ batchItemFailures: [] });
  });

  it('reports each failed record, one record after another; the stream resumes at the earliest', async () => {
    stepFunctions
      .on(StartExecutionCommand)
      .resolves(started)
      .on(StartExecutionCommand, { name: 'A2' })
      .rejects(new Error('throttled'));
    const result = await run(
      record('INSERT', 'COMPLAINT#A1', 'META', '1'),
      record('INSERT', 'COMPLAINT#A2', 'META', '2'),
      record('INSERT', 'COMPLAINT#A3', 'META', '3'),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    // In order: a redelivery from record 2 finds A3 already started (ExecutionAlreadyExists).
    expect(startedNames()).toEqual(['A1', 'A2', 'A3']);
  });

  it('reports every record when all fail, instead of throwing (the mapping retries them)', async () => {
    stepFunctions.on(StartExecutionCommand).rejects(new Error('throttled'));
    const result = await run(
      record('INSERT', 'COMPLAINT#A1', 'META', '1'),
      record('INSERT', 'COMPLAINT#A2', 'META', '2'),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '1' }, { itemIdentifier: '2' }] });
  });
});
