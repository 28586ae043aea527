import { SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import type { LifecycleEndings, WorkflowSignals } from '../app/ports.ts';
import { isAwsError } from './aws-errors.ts';
import { logger } from './logger.ts';
import { stepFunctionsClient } from './step-functions.ts';

/**
 * Wakes the complaint's workflow from its current human stage so it re-reads the complaint at once.
 * A stale token (the stage already moved on) is harmless: the workflow re-plans from the complaint.
 */
export const workflowSignals: WorkflowSignals = {
  signal: async (complaint) => {
    if (!complaint.waitToken) return false;
    try {
      await stepFunctionsClient.send(
        new SendTaskSuccessCommand({ taskToken: complaint.waitToken, output: '{"signal":true}' }),
      );
      return true;
    } catch (error) {
      if (isAwsError(error, 'TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken')) {
        logger.info('Workflow signal was stale', { complaintId: complaint.id });
        return false;
      }
      throw error;
    }
  },
};

/** The error the lifecycle's wait is answered with when the plan is its end (the ASL catches it). */
export const LIFECYCLE_ENDED = 'Lifecycle.Ended';

/**
 * Ends the lifecycle at its wait: answering the token with LIFECYCLE_ENDED lets the state machine
 * leave through a catcher, where a Choice after every wake-up would cost a transition each time.
 */
export const lifecycleEndings: LifecycleEndings = {
  end: async (taskToken) => {
    await stepFunctionsClient.send(
      new SendTaskFailureCommand({ taskToken, error: LIFECYCLE_ENDED, cause: 'The complaint is closed' }),
    );
  },
};
