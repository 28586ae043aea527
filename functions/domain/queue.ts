import type { Complaint } from './complaint.ts';
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
  /** UTC month of submission ("YYYY-MM"): the partition of the submission-time index (CSV export). */
  submittedMonth: string;
}

export const QUEUE_ATTRIBUTE_NAMES: readonly (keyof QueueAttributes)[] = [
  'queueAll',
  'queueDepartment',
  'queueAssignee',
  'queueDueAt',
  'nextDueAt',
  'escalationLevel',
  'submittedMonth',
];

/** The month partition of the submission-time index: stored instants are ISO-8601 UTC. */
export const submittedMonthOf = (submittedAt: string): string => submittedAt.slice(0, 7);

/** Open work sorts by its next deadline; finished work by when it last changed. */
export const queueAttributes = (complaint: Complaint): QueueAttributes => {
  const state = DONE_STATUSES.has(complaint.status) ? 'done' : 'open';
  const due = nextDueAt(complaint);
  const sortTime = state === 'open' ? (due ?? complaint.submittedAt) : complaint.updatedAt;
  return {
    queueAll: `all#${state}`,
    queueDepartment: complaint.department ? `${complaint.department}#${state}` : undefined,
    queueAssignee: complaint.assignee ? `${complaint.assignee}#${state}` : undefined,
    queueDueAt: `${sortTime}#${complaint.id}`,
    nextDueAt: state === 'open' ? due : undefined,
    escalationLevel: complaint.sla?.escalationLevel ?? 0,
    submittedMonth: submittedMonthOf(complaint.submittedAt),
  };
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
  | 'version'
  | 'contactProblem'
> & { escalationLevel?: number | undefined; nextDueAt?: string | undefined };

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
