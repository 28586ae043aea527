import {
  correctiveActionScopeFor,
  isCorrectiveActionOverdue,
  type CorrectiveActionRow,
} from '../domain/corrective-actions.ts';
import { localDateOf } from '../domain/calendar.ts';
import type { StaffPrincipal } from '../domain/staff.ts';
import type { CorrectiveActionStatus } from '../domain/vocabulary.ts';
import type { Clock, CorrectiveActionList, PolicySource } from './ports.ts';

export interface CorrectiveActionsQuery {
  department?: string | undefined;
  /** One status; none lists those not done (open and in-progress). */
  status?: CorrectiveActionStatus | undefined;
  limit: number;
  after?: string | undefined;
}

export type CorrectiveActionsPage =
  | { kind: 'forbidden'; reason: string }
  | {
      kind: 'listed';
      items: (CorrectiveActionRow & { overdue: boolean })[];
      next: string | undefined;
    };

/**
 * A page of corrective actions the caller may see (agents: their department's; supervisors and
 * above: all, or one department's), by due date, each flagged overdue on the business calendar's date.
 */
export const listCorrectiveActions = async (
  deps: { list: CorrectiveActionList; policy: PolicySource; clock: Clock },
  principal: StaffPrincipal,
  query: CorrectiveActionsQuery,
): Promise<CorrectiveActionsPage> => {
  const scope = correctiveActionScopeFor(principal, query.department);
  if (scope.kind === 'forbidden') return scope;
  const { rows, next } = await deps.list.page({
    department: scope.department,
    state: query.status === 'done' ? 'done' : 'open',
    status: query.status === 'done' ? undefined : query.status,
    limit: query.limit,
    after: query.after,
  });
  const today = localDateOf(deps.policy.current().calendar, deps.clock.now());
  return {
    kind: 'listed',
    items: rows.map((row) => ({ ...row, overdue: isCorrectiveActionOverdue(row, today) })),
    next,
  };
};
