import { triageComplaint } from '../app/triage-complaint.ts';
import { customerHistory } from '../adapters/complaint-repository.ts';
import { complaintStore } from '../adapters/complaint-store.ts';
import { logger } from '../adapters/logger.ts';
import { policySource } from '../adapters/policy-source.ts';
import { taskInputSchema, workflowTask } from './task-handler.ts';

/** First lifecycle step (see app/triage-complaint.ts). Returns the severity and any alert for the emergency branch. */
export const handler = workflowTask(taskInputSchema, async ({ complaintId }) => {
  const { complaint: triaged, applied } = await triageComplaint(
    { store: complaintStore, history: customerHistory, policy: policySource },
    complaintId,
  );
  logger.info('Complaint triaged', {
    complaintId,
    applied,
    severity: triaged.severity,
    category: triaged.category,
    priority: triaged.priority,
    repeats: triaged.relatedComplaints?.length ?? 0,
  });
  // A queued reputation alert or assist request takes the emergency branch, whose step sends the
  // outbox at once (otherwise the mail would wait for the first staff action to wake the workflow).
  const alert = (triaged.outbox ?? []).some(
    (message) => message.kind === 'reputation' || message.kind === 'assist-requested',
  );
  return { complaintId, severity: triaged.severity, alert };
});
