import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendTaskSuccessCommand, TaskTimedOut } from '@aws-sdk/client-sfn';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { dynamo, stepFunctions, stubAwsCalls } from '../../support/aws-calls.ts';
import { context, useTestEnvironment } from '../../support/lambda.ts';

useTestEnvironment();
const registerWait = (await import('../../../functions/workflow/register-wait.ts')).handler;
const planStage = (await import('../../../functions/workflow/plan-stage.ts')).handler;

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

  it('rejects input without a token', async () => {
    await expect(
      registerWait({ complaintId: ID, stage: 'resolution', version: 4 }, context),
    ).rejects.toThrow();
  });
});

describe('plan-stage task', () => {
  const clock = (overrides: Record<string, unknown> = {}) => ({
    stage: 'firstResponse',
    clock: 'wall',
    target: { hours: 2 },
    rule: 'severity:L1',
    startedAt: '2020-01-01T00:00:00.000Z',
    dueAt: '2999-01-01T00:00:00.000Z',
    nextCheckAt: '2999-01-01T00:00:00.000Z',
    ...overrides,
  });
  const withSla = (firstResponse: Record<string, unknown>) =>
    dynamo.on(GetCommand).resolves({
      Item: {
        id: ID,
        version: 7,
        sla: { firstResponse, resolution: clock({ stage: 'resolution' }), escalationLevel: 0, reminders: 0 },
      },
    });

  it('waits until the next check time, in whole seconds', async () => {
    withSla(clock({ nextCheckAt: new Date(Date.now() + 90_500).toISOString() }));
    const plan = await planStage({ complaintId: ID, stage: 'firstResponse' }, context);
    expect(plan).toMatchObject({ kind: 'wait', version: 7 });
    expect(plan.timeoutSeconds).toBeGreaterThanOrEqual(90);
    expect(plan.timeoutSeconds).toBeLessThanOrEqual(91);
  });

  it('waits at least one second when the check time has already passed', async () => {
    withSla(clock({ nextCheckAt: '2020-01-01T02:00:00.000Z' }));
    expect(await planStage({ complaintId: ID, stage: 'firstResponse' }, context)).toMatchObject({
      kind: 'wait',
      timeoutSeconds: 1,
    });
  });

  it('reports a done stage and a paused clock', async () => {
    withSla(clock({ completedAt: '2020-01-01T01:00:00.000Z' }));
    expect(await planStage({ complaintId: ID, stage: 'firstResponse' }, context)).toMatchObject({
      kind: 'done',
    });
    withSla(clock({ pausedAt: '2020-01-01T01:00:00.000Z' }));
    expect(await planStage({ complaintId: ID, stage: 'firstResponse' }, context)).toMatchObject({
      kind: 'paused',
      timeoutSeconds: 86_400,
    });
  });
});
