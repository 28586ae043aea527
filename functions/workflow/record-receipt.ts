import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { complaintIdSchema } from '../domain/complaint.ts';
import { getComplaint, recordMilestone } from '../adapters/complaint-repository.ts';
import { auditEvent } from '../adapters/events.ts';
import { logger } from '../adapters/logger.ts';
import type { LifecycleInput } from '../adapters/workflow-starter.ts';

/** First lifecycle step: notes that the workflow took the complaint over. Safe to retry. */
export const handler = middy<LifecycleInput, LifecycleInput>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (input) => {
    const complaintId = complaintIdSchema.parse(input.complaintId);
    const complaint = await getComplaint(complaintId);
    if (!complaint) throw new Error(`Complaint ${complaintId} does not exist`);
    const outcome = await recordMilestone(
      complaintId,
      'receiptRecordedAt',
      auditEvent(complaintId, 'workflow.started', { kind: 'system' }, false, new Date()),
    );
    logger.info('Receipt recorded', { complaintId, outcome });
    return { complaintId };
  });
