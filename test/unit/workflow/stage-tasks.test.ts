import { beforeEach, describe, expect, it, vi } from 'vitest';
import { callsOf, stubAwsCalls } from '../../support/aws-calls.ts';
import { AwsServiceError } from '../../../functions/adapters/aws/aws-error.ts';
import { documentDb } from '../../../functions/adapters/aws/dynamodb.ts';
import { stepFunctions } from '../../../functions/adapters/aws/step-functions.ts';
import { context, useTestEnvironment } from '../../support/lambda.ts';

useTestEnvironment();
const registerWait = (await import('../../../functions/workflow/register-wait.ts')).handler;
const planStage = (await import('../../../functions/workflow/plan-stage.ts')).handler;

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

beforeEach(() => {
  stubAwsCalls();
});

describe('register-wait task', () => {
  it('stores the token only if the complaint is still at the planned version', async () => {
    vi.spyOn(documentDb, 'update').mockResolvedValue({});
    const result = await registerWait(
      { complaintId: ID, stage: 'firstResponse', version: 4, taskToken: 'tok' },
      context,
    );
    expect(result).toEqual({ complaintId: ID, outcome: 'stored' });
    const update = vi.mocked(documentDb.update).mock.calls[0]![0];
    expect(update.ConditionExpression).toBe('version = :expected');
    expect(update.ExpressionAttributeValues).toMatchObject({
      ':token': 'tok',
      ':stage': 'firstResponse',
      ':expected': 4,
    });
    expect(callsOf(stepFunctions)).toHaveLength(0);
  });

  it('answers its own token at once when the complaint changed after planning, so the workflow re-plans', async () => {
    vi.spyOn(documentDb, 'update').mockRejectedValue(
      new AwsServiceError('ConditionalCheckFailedException', 'changed', 400),
    );
    vi.spyOn(stepFunctions, 'sendTaskSuccess').mockResolvedValue(undefined);
    const result = await registerWait(
      { complaintId: ID, stage: 'resolution', version: 4, taskToken: 'tok' },
      context,
    );
    expect(result.outcome).toBe('changed-since');
    expect(vi.mocked(stepFunctions.sendTaskSuccess).mock.calls[0]![0]).toEqual({
      taskToken: 'tok',
      output: '{"signal":true}',
    });
  });

  it('treats an already answered token as harmless', async () => {
    vi.spyOn(documentDb, 'update').mockRejectedValue(
      new AwsServiceError('ConditionalCheckFailedException', 'changed', 400),
    );
    vi.spyOn(stepFunctions, 'sendTaskSuccess').mockRejectedValue(
      new AwsServiceError('TaskTimedOut', 'gone', 400),
    );
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
    vi.spyOn(documentDb, 'get').mockResolvedValue({
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
