import type { Assist, Complaint } from './complaint.ts';
import type { StaffPrincipal } from './staff.ts';

const DONE_STATUSES = new Set(['resolved', 'closed', 'rejected']);

/** The next deadline of the complaint's open SLA stages; undefined before triage and once done. */
export const nextDueAt = (complaint: Complaint): string | undefined => {
  const open = [complaint.sla?.firstResponse, complaint.sla?.resolution].filter(
    (clock) => clock !== undefined && clock.completedAt === undefined,
  );
  return open.map((clock) => clock!.dueAt).sort()[0];
};

/** Attributes that place a complaint in the work-queue indexes (and the submission-time index), derived from it. */
export interface QueueAttributes {
  queueAll: string;
  queueDepartment: string | undefined;
  queueAssignee: string | undefined;
  queueDueAt: string;
  nextDueAt: string | undefined;
  escalationLevel: number;
  /** UTC day of submission ("YYYY-MM-DD"): the partition of the submission-time index (CSV export). */
  submittedDay: string;
}

export const QUEUE_ATTRIBUTE_NAMES: readonly (keyof QueueAttributes)[] = [
  'queueAll',
  'queueDepartment',
  'queueAssignee',
  'queueDueAt',
  'nextDueAt',
  'escalationLevel',
  'submittedDay',
];

/** The day partition of the submission-time index: stored instants are ISO-8601 UTC. */
export const submittedDayOf = (submittedAt: string): string => submittedAt.slice(0, 10);

/**
 * When a finished complaint finished: closed, resolved (its resolution clock stopped) or rejected.
 * A later save (a survey answer, a note) leaves it as it is, so the complaint's finished row in the
 * queue indexes is not rewritten. Complaints stored without any of these fall back to their last change.
 */
export const finishedAt = (
  complaint: Pick<Complaint, 'status' | 'closedAt' | 'sla' | 'resolution' | 'rejection' | 'updatedAt'>,
): string => {
  if (complaint.status === 'closed' && complaint.closedAt) return complaint.closedAt;
  if (complaint.status === 'rejected' && complaint.rejection) return complaint.rejection.at;
  const resolved = complaint.sla?.resolution?.completedAt ?? complaint.resolution?.at;
  if (complaint.status === 'resolved' && resolved) return resolved;
  return complaint.updatedAt;
};

/** Open work sorts by its next deadline; finished work by when it finished (finishedAt). */
export const queueAttributes = (complaint: Complaint): QueueAttributes => {
  const state = DONE_STATUSES.has(complaint.status) ? 'done' : 'open';
  const due = nextDueAt(complaint);
  const sortTime = state === 'open' ? (due ?? complaint.submittedAt) : finishedAt(complaint);
  return {
    queueAll: `all#${state}`,
    queueDepartment: complaint.department ? `${complaint.department}#${state}` : undefined,
    queueAssignee: complaint.assignee ? `${complaint.assignee}#${state}` : undefined,
    queueDueAt: `${sortTime}#${complaint.id}`,
    nextDueAt: state === 'open' ? due : undefined,
    escalationLevel: complaint.sla?.escalationLevel ?? 0,
    submittedDay: submittedDayOf(complaint.submittedAt),
  };
};

/**
 * The queue rows of a complaint's assists, as items of their own beside it (one per assist): each
 * sits in its assisting department's queue, sorted by the assist's due time while open, and carries
 * the complaint's row fields (copied with every save of the complaint, so they stay current). Those
 * written are the open assists and any whose state changed in this save; finished ones stay as they
 * were last written. A department's queue thus lists "its" cases and the cases it assists on.
 */
export const assistQueueItems = (
  before: Pick<Complaint, 'assists'>,
  after: Complaint,
): { assist: Assist; attributes: Record<string, unknown> }[] => {
  const previous = new Map((before.assists ?? []).map((assist) => [assist.id, assist.status]));
  return (after.assists ?? [])
    .filter((assist) => assist.status === 'open' || previous.get(assist.id) !== assist.status)
    .map((assist) => {
      const state = assist.status === 'open' ? 'open' : 'done';
      const sortTime = state === 'open' ? assist.dueAt : after.updatedAt;
      const row: Omit<QueueItem, 'assignee' | 'contactProblem'> = {
        id: after.id,
        reference: after.reference,
        status: after.status,
        subject: after.subject,
        category: after.category,
        // The row belongs to the assisting department's queue: its department filters and checks.
        department: assist.department,
        severity: after.severity,
        urgency: after.urgency,
        priority: after.priority,
        submittedAt: after.submittedAt,
        customer: after.customer,
        escalationLevel: after.sla?.escalationLevel ?? 0,
        nextDueAt: state === 'open' ? assist.dueAt : undefined,
      };
      return {
        assist,
        attributes: {
          ...Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)),
          entity: 'assist',
          assist,
          queueDepartment: `${assist.department}#${state}`,
          queueDueAt: `${sortTime}#${after.id}`,
        },
      };
    });
};

/** What the queue indexes project: enough for a queue row, nothing more. */
export type QueueItem = Pick<
  Complaint,
  | 'id'
  | 'reference'
  | 'status'
  | 'subject'
  | 'category'
  | 'department'
  | 'severity'
  | 'urgency'
  | 'priority'
  | 'assignee'
  | 'submittedAt'
  | 'customer'
  | 'contactProblem'
> & {
  escalationLevel?: number | undefined;
  nextDueAt?: string | undefined;
  /** Set on a row that is another department's case this department assists on (its assist's id). */
  assistId?: string | undefined;
};

/** Which queue index a listing reads, and the department it must stay within. */
export type QueueScope =
  { kind: 'all' } | { kind: 'department'; department: string } | { kind: 'assignee'; assignee: string };

/**
 * The queue a member of staff may list for the filters they gave: managers and admins any, agents
 * and supervisors only their own department's (a person's queue is then narrowed to it as well).
 */
export const queueScopeFor = (
  principal: StaffPrincipal,
  filters: { department?: string | undefined; assignee?: string | undefined },
):
  | { kind: 'allowed'; scope: QueueScope; department: string | undefined }
  | { kind: 'forbidden'; reason: string } => {
  const seesAll = principal.roles.some((role) => role === 'manager' || role === 'admin');
  if (!seesAll) {
    if (!principal.department) return { kind: 'forbidden', reason: 'Your account has no department.' };
    if (filters.department && filters.department !== principal.department) {
      return { kind: 'forbidden', reason: 'You can only list the complaints of your department.' };
    }
  }
  const department = filters.department ?? (seesAll ? undefined : principal.department);
  if (filters.assignee) {
    return { kind: 'allowed', scope: { kind: 'assignee', assignee: filters.assignee }, department };
  }
  if (department)
    return { kind: 'allowed', scope: { kind: 'department', department }, department: undefined };
  return { kind: 'allowed', scope: { kind: 'all' }, department: undefined };
};

/** `assignee=me` is the caller, `assignee=unassigned` the cases nobody has taken; anything else one person. */
export const assigneeFilter = (
  principal: StaffPrincipal,
  assignee: string | undefined,
): { assignee: string | undefined; unassigned: boolean } => {
  if (assignee === 'me') return { assignee: principal.subject, unassigned: false };
  if (assignee === 'unassigned') return { assignee: undefined, unassigned: true };
  return { assignee, unassigned: false };
};
