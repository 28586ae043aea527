import { decideFollowUpFailure } from '../domain/follow-up.ts';
import { applyDecision } from './apply-decision.ts';
import type { BusinessMetrics, ComplaintStore } from './ports.ts';

/**
 * The follow-up step still failed after the workflow's retries (SES refusing the mail, say): record
 * the failure on the complaint and drop the mail, so the follow-up goes on and the complaint closes.
 */
export const recordFollowUpFailure = async (
  deps: { store: ComplaintStore; metrics: BusinessMetrics },
  complaintId: string,
  error: string,
): Promise<boolean> => {
  const { applied } = await applyDecision(deps, complaintId, { kind: 'system' }, (complaint, at) =>
    decideFollowUpFailure(complaint, error, at),
  );
  // Every failed wake-up comes here first; only a dropped follow-up mail is a mail failure.
  if (applied) deps.metrics.count('MailFailed');
  return applied;
};
