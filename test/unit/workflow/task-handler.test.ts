import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { DependencyUnavailable } from '../../../functions/adapters/dependency-unavailable.ts';
import { taskInputSchema, workflowTask } from '../../../functions/workflow/task-handler.ts';
import { context, useTestEnvironment } from '../../support/lambda.ts';

useTestEnvironment();
const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

const failingTask = (error: Error) => workflowTask(taskInputSchema, () => Promise.reject(error));

describe('workflowTask: the errors a task reports to the state machine', () => {
  it('reports a dependency throttling it as DependencyUnavailable, the cause kept', async () => {
    const throttled = new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
    const outcome = failingTask(throttled)({ complaintId: ID }, context);
    await expect(outcome).rejects.toBeInstanceOf(DependencyUnavailable);
    await expect(outcome).rejects.toMatchObject({ name: 'DependencyUnavailable', cause: throttled });
  });

  it('reports any other error unchanged, so the workflow does not retry it', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'sla')");
    await expect(failingTask(bug)({ complaintId: ID }, context)).rejects.toBe(bug);
  });

  it('reports invalid input as a validation error, not as a dependency', async () => {
    const task = workflowTask(taskInputSchema, () => Promise.resolve('ran'));
    await expect(task({ complaintId: 'not an id' }, context)).rejects.not.toBeInstanceOf(
      DependencyUnavailable,
    );
    await expect(task({ complaintId: ID }, context)).resolves.toBe('ran');
  });
});
