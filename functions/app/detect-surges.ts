import type { Complaint } from '../domain/complaint.ts';
import { surgeIncident } from '../domain/incident.ts';
import { labelOf } from '../domain/labels.ts';
import { readSurge, surgeActiveUntil, surgeRange, surgeRuleFor, surgeSubjectsOf } from '../domain/surge.ts';
import { deliverIncidentOutbox, type IncidentOutboxDeps } from './deliver-incident-outbox.ts';
import type { IdSource, SurgeStore } from './ports.ts';

export type SurgeDeps = IncidentOutboxDeps & { surges: SurgeStore; ids: IdSource };

/**
 * After a complaint was counted: for each product or category it counts towards, reads the buckets
 * the surge rule needs (a Query of one partition, never a Scan) and, if the rule holds, starts a
 * surge — a suggested incident with the alert to senior management — unless one is active. The alert
 * of the surge's incident is then sent if it has not been: a redelivered record finds the surge
 * active and sends nothing twice (deliverIncidentOutbox claims each message).
 */
export const detectSurges = async (
  deps: SurgeDeps,
  complaint: Pick<Complaint, 'product' | 'preliminaryGrade' | 'category'>,
): Promise<{ started: number; active: number }> => {
  const { policy } = deps.policy.current();
  const now = deps.clock.now();
  const outcome = { started: 0, active: 0 };
  for (const subject of surgeSubjectsOf(policy, complaint)) {
    const rule = surgeRuleFor(policy, subject);
    const { from, to } = surgeRange(rule, now);
    const reading = readSurge(rule, await deps.surges.buckets(subject, from, to), now);
    if (!reading.surging) continue;
    const incident = surgeIncident(
      deps.ids.newId(now),
      deps.ids.newId(now),
      {
        dimension: subject.dimension,
        value: subject.value,
        windowCount: reading.windowCount,
        baselineMean: reading.baselineMean,
        windowMinutes: rule.windowMinutes,
        detectedAt: now.toISOString(),
      },
      subject.category,
      policy.staffLocale,
      labelOf(policy.staffLocale, 'category', subject.category ?? subject.value),
    );
    const surge = await deps.surges.start(subject, surgeActiveUntil(rule, now), incident, now);
    outcome[surge.kind] += 1;
    if (surge.incidentId) await deliverIncidentOutbox(deps, surge.incidentId);
  }
  return outcome;
};
