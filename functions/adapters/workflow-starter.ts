import { isAwsError } from './aws/aws-error.ts';
import { stepFunctions } from './aws/step-functions.ts';
import { requireSetting } from './config.ts';

export interface LifecycleInput {
  complaintId: string;
}

/**
 * Starts the complaint's lifecycle execution, named after the complaint so that a redelivered
 * stream record never starts a second one.
 */
export const startLifecycle = async (complaintId: string): Promise<'started' | 'already-running'> => {
  const input: LifecycleInput = { complaintId };
  try {
    await stepFunctions.startExecution({
      stateMachineArn: requireSetting('STATE_MACHINE_ARN'),
      name: complaintId,
      input: JSON.stringify(input),
    });
    return 'started';
  } catch (error) {
    if (isAwsError(error, 'ExecutionAlreadyExists')) return 'already-running';
    throw error;
  }
};
