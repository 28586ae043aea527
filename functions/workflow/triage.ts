import { decideTriage } from '../domain/lifecycle.ts';
import { applyDecision } from '../adapters/apply-decision.ts';
import { findCustomerComplaints, getComplaint } from '../adapters/complaint-repository.ts';
import { logger } from '../adapters/logger.ts';
import { currentPolicy } from '../adapters/policy-source.ts';
import { taskInputSchema, workflowTask } from './task-handler.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * First lifecycle step: preliminary grade, routing, SLA clocks and repeat links. Safe to retry: a
 * triaged complaint is left as it is. Returns the severity for the emergency branch.
 */
export const handler = workflowTask(taskInputSchema, async ({ complaintId }) => {
  const { policy, calendar } = currentPolicy();
  const complaint = await getComplaint(complaintId);
  if (!complaint) throw new Error(`Complaint ${complaintId} does not exist`);
  const submittedAt = new Date(complaint.submittedAt);
  const earlier = await findCustomerComplaints(
    complaint.customerKey,
    new Date(submittedAt.getTime() - policy.repeatWindowDays * DAY_MS),
    submittedAt,
  );
  const { complaint: triaged, applied } = await applyDecision(
    complaintId,
    { kind: 'system' },
    (current, at) => decideTriage(policy, calendar, current, earlier, at),
  );
  logger.info('Complaint triaged', {
    complaintId,
    applied,
    severity: triaged.severity,
    category: triaged.category,
    priority: triaged.priority,
    repeats: triaged.relatedComplaints?.length ?? 0,
  });
  return { complaintId, severity: triaged.severity };
});
