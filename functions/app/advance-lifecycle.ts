import { nextAssistCheckAt } from '../domain/assists.ts';
import type { Complaint } from '../domain/complaint.ts';
import { planStage } from '../domain/sla.ts';
import { SLA_STAGES, type SlaStage } from '../domain/vocabulary.ts';
import { advanceFollowUp } from './advance-follow-up.ts';
import { deliverOutbox, type OutboxDeps } from './deliver-outbox.ts';
import { escalateStage } from './escalate-stage.ts';
import type { BusinessMetrics } from './ports.ts';

/** The stages the lifecycle waits in: the two SLA stages, then the follow-up after resolution. */
export type LifecycleStage = SlaStage | 'followUp';

/** What woke the lifecycle: its start (after the acknowledgement), a signal, or the planned time. */
export type WakeUp = 'start' | 'signal' | 'timeout';

/** What the lifecycle does after this wake-up. */
export type LifecycleStep =
  /** Wait in `stage` for a signal, or until `until` (none while the stage's clock is paused). */
  | { kind: 'await'; stage: LifecycleStage; until: Date | undefined; version: number }
  | { kind: 'end'; stage: LifecycleStage; version: number };

const isSlaStage = (stage: string | undefined): stage is SlaStage => SLA_STAGES.includes(stage as SlaStage);

/** Statuses past the SLA stages: the follow-up decides what comes next (a rejection ends it). */
const AFTER_SLA_STAGES = new Set<Complaint['status']>(['resolved', 'closed', 'rejected']);

const slaStageStep = (complaint: Complaint): LifecycleStep | undefined => {
  if (AFTER_SLA_STAGES.has(complaint.status)) return undefined;
  if (!complaint.sla) throw new Error(`Complaint ${complaint.id} has no SLA clocks`);
  for (const stage of SLA_STAGES) {
    // An open assist's due time wakes the stage too: the escalation step reports the assist overdue.
    const plan = planStage(complaint.sla, stage, nextAssistCheckAt(complaint));
    if (plan.kind === 'done') continue;
    const until = plan.kind === 'wait' ? new Date(plan.until) : undefined;
    return { kind: 'await', stage, until, version: complaint.version };
  }
  return undefined;
};

/**
 * One wake-up of the lifecycle, in place of the former plan → choice → deliver → plan states: send
 * what a signal queued (a request for information, say), escalate the stage whose wait timed out,
 * then find the first stage not done (first response, resolution) and plan its wait; once resolved,
 * take the follow-up step that is due (result notice, survey, reminder, closing) and plan that wait,
 * or end. Every part re-reads the complaint and is idempotent, so a retried wake-up sends nothing
 * twice. A follow-up that reopens the complaint goes back to the resolution stage in the same call.
 */
export const advanceLifecycle = async (
  deps: OutboxDeps & { metrics: BusinessMetrics },
  complaintId: string,
  wake: { by: WakeUp; stage: LifecycleStage | undefined },
): Promise<{ step: LifecycleStep; sent: number }> => {
  let sent = await deliverOutbox(deps, complaintId);
  if (wake.by === 'timeout' && isSlaStage(wake.stage)) {
    sent += (await escalateStage(deps, complaintId, wake.stage)).sent;
  }
  // At most twice: a follow-up that finds the complaint reopened plans its resolution stage again.
  for (let pass = 0; pass < 2; pass += 1) {
    const complaint = await deps.store.get(complaintId);
    if (!complaint) throw new Error(`Complaint ${complaintId} disappeared`);
    const slaStep = slaStageStep(complaint);
    if (slaStep) return { step: slaStep, sent };
    const followUp = await advanceFollowUp(deps, complaintId);
    sent += followUp.sent;
    const { next, version } = followUp;
    if (next.kind === 'await')
      return { step: { kind: 'await', stage: 'followUp', until: next.until, version }, sent };
    if (next.kind === 'closed') return { step: { kind: 'end', stage: 'followUp', version }, sent };
  }
  throw new Error(`Complaint ${complaintId} was reopened but has no resolution stage to wait in`);
};
