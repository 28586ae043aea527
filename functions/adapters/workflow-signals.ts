import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import type { WorkflowSignals } from '../app/ports.ts';
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
