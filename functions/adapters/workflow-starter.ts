import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { WorkflowStarter } from '../app/ports.ts';
import { executionName } from '../domain/lifecycle-watch.ts';
import { isAwsError } from './aws-errors.ts';
import { requireSetting } from './config.ts';
import { stepFunctionsClient } from './step-functions.ts';

export interface LifecycleInput {
  complaintId: string;
}

/**
 * Starts the complaint's lifecycle execution, named after the complaint (and the reconciler's attempt)
 * so that a redelivered stream record or a retried re-drive never starts a second one.
 */
export const workflowStarter: WorkflowStarter = {
  start: async (complaintId, attempt = 0) => {
    const input: LifecycleInput = { complaintId };
    try {
      await stepFunctionsClient.send(
        new StartExecutionCommand({
          stateMachineArn: requireSetting('STATE_MACHINE_ARN'),
          name: executionName(complaintId, attempt),
          input: JSON.stringify(input),
        }),
      );
      return 'started';
    } catch (error) {
      if (isAwsError(error, 'ExecutionAlreadyExists')) return 'already-running';
      throw error;
    }
  },
};
