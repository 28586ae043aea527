import pLimit from 'p-limit';
import type { Complaint } from '../domain/complaint.ts';
import { noticeTextFor, type Incident, type IncidentNotice } from '../domain/incident.ts';
import type { StaffPrincipal } from '../domain/staff.ts';
import type { Clock, ComplaintStore, IncidentStore, PolicySource, WorkflowSignals } from './ports.ts';
import { updateIncident } from './update-incident.ts';

/** Reads of the linked complaints at a time (≤ 1,000 of them). */
const READ_CONCURRENCY = 16;

export type NotifyDeps = {
  store: ComplaintStore;
  signals: WorkflowSignals;
  policy: PolicySource;
  incidents: IncidentStore;
  clock: Clock;
};

/**
 * Queues the incident notice, in their language, for every linked complainant, once per notice id:
 * each complaint records the notice id with its outbox entry in one write (a retried request queues
 * nothing twice), `noticeConcurrency` complaints at a time, and its workflow is woken to send it
 * through the outbox (with the retries every customer mail has). The route does not send the mail
 * itself: SES and the token-signing client would push its bundle, which already carries the
 * cascade's Step Functions client, over the size limit. One mail per customer: of a customer's
 * linked complaints only the earliest gets it. Complainants without an email address (phone-only)
 * are counted for staff to call.
 */
export const notifyIncidentCustomers = async (
  deps: NotifyDeps,
  incident: Incident,
  notice: { noticeId: string; message: { 'zh-CN': string; en: string } },
  principal: StaffPrincipal,
): Promise<IncidentNotice> => {
  const { policy } = deps.policy.current();
  const reads = pLimit(READ_CONCURRENCY);
  const complaints = (
    await Promise.all(incident.complaintIds.map((id) => reads(() => deps.store.get(id))))
  ).filter((complaint): complaint is Complaint => complaint?.incidentId === incident.id);
  const firstPerCustomer = new Map<string, Complaint>();
  for (const complaint of complaints.toSorted((a, b) => a.submittedAt.localeCompare(b.submittedAt))) {
    if (!firstPerCustomer.has(complaint.customerKey)) firstPerCustomer.set(complaint.customerKey, complaint);
  }
  const withEmail = [...firstPerCustomer.values()].filter((complaint) => Boolean(complaint.customer.email));
  const withoutEmail = firstPerCustomer.size - withEmail.length;
  const limit = pLimit(policy.incidents.noticeConcurrency);
  await Promise.all(
    withEmail.map((complaint) =>
      limit(async () => {
        const { complaint: saved } = await deps.store.mutate(
          complaint.id,
          { kind: 'staff', id: principal.subject, role: principal.roles.join(',') },
          (current, at, newId) => ({
            decision: current.incidentNotices?.includes(notice.noticeId)
              ? undefined
              : {
                  changes: {
                    incidentNotices: [...(current.incidentNotices ?? []), notice.noticeId],
                    outbox: [
                      ...(current.outbox ?? []),
                      {
                        id: newId(),
                        kind: 'incident-notice',
                        incidentId: incident.id,
                        noticeId: notice.noticeId,
                        text: noticeTextFor(notice.message, current),
                        createdAt: at.toISOString(),
                      },
                    ],
                  },
                  events: [],
                },
            result: undefined,
          }),
        );
        // Woken again on a retried request: a notice still queued is then sent.
        if (saved.outbox?.some((message) => message.kind === 'incident-notice'))
          await deps.signals.signal(saved);
      }),
    ),
  );
  const record: IncidentNotice = {
    id: notice.noticeId,
    at: deps.clock.now().toISOString(),
    by: principal.subject,
    queued: withEmail.length,
    withoutEmail,
  };
  await updateIncident(deps, incident.id, (current) =>
    current.notices.some((earlier) => earlier.id === notice.noticeId)
      ? undefined
      : { notices: [...current.notices, record] },
  );
  return record;
};
