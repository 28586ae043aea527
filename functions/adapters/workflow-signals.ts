import type { Complaint } from '../domain/complaint.ts';
import { isAwsError } from './aws/aws-error.ts';
import { stepFunctions } from './aws/step-functions.ts';
import { logger } from './logger.ts';

/**
 * Wakes the complaint's workflow from its current human stage so it re-reads the complaint at once.
 * A stale token (the stage already moved on) is harmless: the workflow re-plans from the complaint.
 */
export const signalWorkflow = async (complaint: Pick<Complaint, 'id' | 'waitToken'>): Promise<boolean> => {
  if (!complaint.waitToken) return false;
  try {
    await stepFunctions.sendTaskSuccess({ taskToken: complaint.waitToken, output: '{"signal":true}' });
    return true;
  } catch (error) {
    if (isAwsError(error, 'TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken')) {
      logger.info('Workflow signal was stale', { complaintId: complaint.id });
      return false;
    }
    throw error;
  }
};
