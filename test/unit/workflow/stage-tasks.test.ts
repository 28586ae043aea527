import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendTaskFailureCommand, SendTaskSuccessCommand, TaskTimedOut } from '@aws-sdk/client-sfn';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { dynamo, stepFunctions, stubAwsCalls } from '../../support/aws-calls.ts';
import { context, useTestEnvironment } from '../../support/lambda.ts';

useTestEnvironment();
const registerWait = (await import('../../../functions/workflow/register-wait.ts')).handler;

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

const changedSince = () => new ConditionalCheckFailedException({ message: 'changed', $metadata: {} });

beforeEach(() => {
  stubAwsCalls();
});

describe('register-wait task', () => {
  it('stores the token only if the complaint is still at the planned version', async () => {
    dynamo.on(UpdateCommand).resolves({});
    const result = await registerWait(
      { complaintId: ID, stage: 'firstResponse', version: 4, taskToken: 'tok' },
      context,
    );
    expect(result).toEqual({ complaintId: ID, outcome: 'stored' });
    expect(dynamo).toHaveReceivedCommandWith(UpdateCommand, {
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':token': 'tok', ':stage': 'firstResponse', ':expected': 4 },
    });
    expect(stepFunctions).not.toHaveReceivedAnyCommand();
  });

  it('answers its own token at once when the complaint changed after planning, so the workflow re-plans', async () => {
    dynamo.on(UpdateCommand).rejects(changedSince());
    stepFunctions.on(SendTaskSuccessCommand).resolves({});
    const result = await registerWait(
      { complaintId: ID, stage: 'resolution', version: 4, taskToken: 'tok' },
      context,
    );
    expect(result.outcome).toBe('changed-since');
    expect(stepFunctions).toHaveReceivedCommandExactlyOnceWith(SendTaskSuccessCommand, {
      taskToken: 'tok',
      output: '{"signal":true}',
    });
  });

  it('treats an already answered token as harmless', async () => {
    dynamo.on(UpdateCommand).rejects(changedSince());
    stepFunctions.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'gone', $metadata: {} }));
    await expect(
      registerWait({ complaintId: ID, stage: 'resolution', version: 4, taskToken: 'tok' }, context),
    ).resolves.toMatchObject({ outcome: 'changed-since' });
  });

  it('ends the lifecycle when the plan is the end: the token is failed with Lifecycle.Ended, nothing stored', async () => {
    stepFunctions.on(SendTaskFailureCommand).resolves({});
    const result = await registerWait(
      { complaintId: ID, stage: 'followUp', version: 9, taskToken: 'tok', next: 'end' },
      context,
    );
    expect(result.outcome).toBe('ended');
    expect(stepFunctions).toHaveReceivedCommandExactlyOnceWith(SendTaskFailureCommand, {
      taskToken: 'tok',
      error: 'Lifecycle.Ended',
    });
    expect(dynamo).not.toHaveReceivedAnyCommand();
  });

  it('rejects input without a token', async () => {
    await expect(
      registerWait({ complaintId: ID, stage: 'resolution', version: 4 }, context),
    ).rejects.toThrow();
  });
});
