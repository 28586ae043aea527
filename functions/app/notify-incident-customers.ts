import pLimit from 'p-limit';
import type { Complaint } from '../domain/complaint.ts';
import { noticeTextFor, type Incident, type IncidentNotice } from '../domain/incident.ts';
import type { StaffPrincipal } from '../domain/staff.ts';
import { deliverOutbox, type OutboxDeps } from './deliver-outbox.ts';
import type { Clock, IncidentStore } from './ports.ts';
import { updateIncident } from './update-incident.ts';

/** Reads of the linked complaints at a time (≤ 1,000 of them). */
const READ_CONCURRENCY = 16;

export type NotifyDeps = OutboxDeps & { incidents: IncidentStore; clock: Clock };

/**
 * Mails every linked complainant the incident notice in their language, once per notice id: each
 * complaint records the notice id with its outbox entry in one write (a retried request queues
 * nothing twice), and the entry is sent through the complaint's outbox, at most
 * `noticeConcurrency` at a time. One mail per customer: of a customer's linked complaints only the
 * earliest is mailed. Complainants without an email address (phone-only) are counted for staff to
 * call.
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
  const isThisNotice = (message: { kind: string }) =>
    message.kind === 'incident-notice' && (message as { noticeId?: string }).noticeId === notice.noticeId;
  await Promise.all(
    withEmail.map((complaint) =>
      limit(async () => {
        await deps.store.mutate(
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
        // Sent here (still queued after an earlier attempt's crash, it is sent now).
        await deliverOutbox(deps, complaint.id, isThisNotice);
      }),
    ),
  );
  const record: IncidentNotice = {
    id: notice.noticeId,
    at: deps.clock.now().toISOString(),
    by: principal.subject,
    mailed: withEmail.length,
    withoutEmail,
  };
  await updateIncident(deps, incident.id, (current) =>
    current.notices.some((earlier) => earlier.id === notice.noticeId)
      ? undefined
      : { notices: [...current.notices, record] },
  );
  return record;
};
