import type { Complaint } from '../../domain/complaint.ts';
import { boundCaseDetail } from '../../domain/case-bound.ts';
import { caseDetail, type CaseDetail } from '../../domain/staff-view.ts';
import type { StaffPrincipal } from '../../domain/staff.ts';
import { now } from '../../adapters/clock.ts';
import { complaintSummaries, recentComplaintIdsOf } from '../../adapters/complaint-repository.ts';
import { complaintStore } from '../../adapters/complaint-store.ts';
import { policySource } from '../../adapters/policy-source.ts';
import { listSentMail } from '../../adapters/sent-mail-log.ts';

/** How many of the customer's other complaints the case page lists (newest first). */
export const CUSTOMER_HISTORY_LIMIT = 20;

/** The case page of a complaint the caller may see: its events, mail, repeats and customer history, read at once. */
export const caseResponse = async (complaint: Complaint, principal: StaffPrincipal): Promise<CaseDetail> => {
  const [events, mails, historyIds] = await Promise.all([
    complaintStore.events(complaint.id),
    listSentMail(complaint.id),
    // One more than shown: the list includes this complaint itself.
    recentComplaintIdsOf(complaint.customerKey, CUSTOMER_HISTORY_LIMIT + 1),
  ]);
  const related = complaint.relatedComplaints ?? [];
  const summaries = await complaintSummaries([...related, ...historyIds]);
  const byId = new Map(summaries.map((summary) => [summary.id, summary]));
  const pick = (ids: readonly string[]) => ids.flatMap((id) => byId.get(id) ?? []);
  // Within Lambda's response limit however long the case's life has been.
  return boundCaseDetail(
    caseDetail(complaint, events, principal, now(), {
      mails,
      relatedComplaints: pick(related),
      customerHistory: pick(historyIds.filter((id) => id !== complaint.id)).slice(0, CUSTOMER_HISTORY_LIMIT),
      timeZone: policySource.current().calendar.timeZone,
    }),
  );
};
