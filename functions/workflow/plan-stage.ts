import * as z from '../domain/zod.ts';
import { nextAssistCheckAt } from '../domain/assists.ts';
import { planStage } from '../domain/sla.ts';
import { realSeconds, realSecondsUntil } from '../adapters/clock.ts';
import { complaintStore } from '../adapters/complaint-store.ts';
import { stageInputSchema, workflowTask } from './task-handler.ts';

/** While the clock is paused the workflow still looks in this often (clock time), in case a signal was lost. */
const PAUSED_RECHECK_SECONDS = 24 * 60 * 60;

export const stagePlanSchema = z.object({
  kind: z.enum(['done', 'paused', 'wait']),
  timeoutSeconds: z.int().check(z.positive()),
  version: z.int(),
});

/**
 * Decides what a human stage waits for, from the complaint as it is now: nothing (stage done), a
 * signal (paused), or a signal or the stage's next check time (deadline or escalation step).
 */
export const handler = workflowTask(stageInputSchema, async ({ complaintId, stage }) => {
  const complaint = await complaintStore.get(complaintId);
  if (!complaint?.sla) throw new Error(`Complaint ${complaintId} has no SLA clocks`);
  // An open assist's due time wakes the stage's Escalate step too: it reports the assist overdue.
  const plan = planStage(complaint.sla, stage, nextAssistCheckAt(complaint));
  const timeoutSeconds =
    plan.kind === 'wait' ? realSecondsUntil(new Date(plan.until)) : realSeconds(PAUSED_RECHECK_SECONDS);
  return stagePlanSchema.parse({ kind: plan.kind, timeoutSeconds, version: complaint.version });
});
