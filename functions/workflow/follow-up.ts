import * as z from '../domain/zod.ts';
import { planFollowUp } from '../domain/follow-up.ts';
import { realSecondsUntil } from '../adapters/clock.ts';
import { now } from '../adapters/clock.ts';
import { getComplaint, mutateComplaint } from '../adapters/complaint-repository.ts';
import { newId, toEvents } from '../adapters/events.ts';
import { logger } from '../adapters/logger.ts';
import { deliverOutbox } from '../adapters/notifications.ts';
import { currentPolicy } from '../adapters/policy-source.ts';
import { taskInputSchema, workflowTask } from './task-handler.ts';

export const followUpPlanSchema = z.object({
  next: z.enum(['await', 'reopened', 'closed']),
  timeoutSeconds: z.int().check(z.positive()),
  version: z.int(),
});

/**
 * One follow-up step after resolution: queue what is due (result notice, survey, reminder) or close
 * the survey window, send the queued mail, and tell the workflow what comes next. An SES failure
 * throws after the decision is saved, so the workflow's retry only sends again.
 */
export const handler = workflowTask(taskInputSchema, async ({ complaintId }) => {
  const { policy, calendar } = currentPolicy();
  let at = now();
  const { result: next } = await mutateComplaint(
    complaintId,
    (complaint) => {
      at = now();
      const plan = planFollowUp(policy, calendar, complaint, newId(at), at);
      if (!plan.decision) return { result: plan.next };
      return {
        changes: plan.decision.changes,
        events: toEvents(complaintId, plan.decision.events, { kind: 'system' }, at),
        result: plan.next,
      };
    },
    () => at,
  );
  const sent = await deliverOutbox(complaintId);
  // Delivery changed the complaint: the wait must be registered against its latest version.
  const complaint = await getComplaint(complaintId);
  if (!complaint) throw new Error(`Complaint ${complaintId} disappeared`);
  logger.info('Follow-up step', { complaintId, next: next.kind, sent });
  return followUpPlanSchema.parse({
    next: next.kind,
    timeoutSeconds: next.kind === 'await' ? realSecondsUntil(next.until) : 1,
    version: complaint.version,
  });
});
