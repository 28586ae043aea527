import { InvalidToken, SendTaskSuccessCommand, TaskDoesNotExist, TaskTimedOut } from '@aws-sdk/client-sfn';
import type { Complaint } from '../domain/complaint.ts';
import { sfn } from './sfn-client.ts';
import { logger } from './logger.ts';

/**
 * Wakes the complaint's workflow from its current human stage so it re-reads the complaint at once.
 * A stale token (the stage already moved on) is harmless: the workflow re-plans from the complaint.
 */
export const signalWorkflow = async (complaint: Pick<Complaint, 'id' | 'waitToken'>): Promise<boolean> => {
  if (!complaint.waitToken) return false;
  try {
    await sfn().send(
      new SendTaskSuccessCommand({ taskToken: complaint.waitToken, output: '{"signal":true}' }),
    );
    return true;
  } catch (error) {
    if (error instanceof TaskDoesNotExist || error instanceof TaskTimedOut || error instanceof InvalidToken) {
      logger.info('Workflow signal was stale', { complaintId: complaint.id });
      return false;
    }
    throw error;
  }
};
