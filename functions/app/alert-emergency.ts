import { decideEmergencyAlert } from '../domain/lifecycle.ts';
import { applyDecision } from './apply-decision.ts';
import { deliverOutbox, type OutboxDeps } from './deliver-outbox.ts';

/** L1 emergency path: senior management is told at once. Queued once, delivered at least once. */
export const alertEmergency = async (deps: OutboxDeps, complaintId: string): Promise<void> => {
  const { policy } = deps.policy.current();
  await applyDecision(deps, complaintId, { kind: 'system' }, (complaint, at, newId) =>
    decideEmergencyAlert(policy, complaint, newId(), at),
  );
  await deliverOutbox(deps, complaintId);
};
