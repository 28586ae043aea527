import {
  dataRequestActionAllowed,
  type DataRequestActionInput,
  type DataRequestRefusal,
  type DataSubjectRequest,
} from '../domain/data-subject-request.ts';
import { carryOutDataRequest, outcomeEvent, type CarryOutDeps } from './carry-out-data-request.ts';

export type DecisionOutcome =
  | { kind: 'done'; request: DataSubjectRequest }
  | { kind: 'not-found' }
  | { kind: 'refused'; reason: DataRequestRefusal }
  | { kind: 'conflict' };

/**
 * A manager or admin answers a request from the queue: carries it out (again, for an erasure some
 * complaints blocked) or refuses it with a reason the customer is mailed. Both audited.
 */
export const decideDataRequest = async (
  deps: CarryOutDeps,
  requestId: string,
  decision: DataRequestActionInput,
  staff: { id: string; role: string },
): Promise<DecisionOutcome> => {
  const request = await deps.requests.get(requestId);
  if (!request) return { kind: 'not-found' };
  const refusal = dataRequestActionAllowed(request);
  if (refusal) return { kind: 'refused', reason: refusal };
  const by = { kind: 'staff' as const, ...staff };
  if (decision.action === 'fulfil') {
    const outcome = await carryOutDataRequest(deps, requestId, by);
    if (outcome.kind === 'not-open') {
      return { kind: 'refused', reason: dataRequestActionAllowed(outcome.request) ?? 'already-done' };
    }
    return outcome;
  }
  const now = deps.clock.now();
  const next: DataSubjectRequest = {
    ...request,
    status: 'refused',
    refusal: { reason: decision.reason, by: staff.id, at: now.toISOString() },
    handledBy: staff.id,
    version: request.version + 1,
    updatedAt: now.toISOString(),
  };
  const saved = await deps.requests.save(request, next, outcomeEvent(deps, next, by, now));
  if (saved === 'conflict') return { kind: 'conflict' };
  await deps.mailer.outcome(next, undefined);
  return { kind: 'done', request: next };
};
