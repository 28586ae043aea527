import type { IncidentActionDeps } from '../../../app/perform-incident-action.ts';
import type { StaffDirectory } from '../../../app/ports.ts';
import { clock } from '../../../adapters/clock.ts';
import { complaintStore } from '../../../adapters/complaint-store.ts';
import { incidentStore } from '../../../adapters/incident-repository.ts';
import { policySource } from '../../../adapters/policy-source.ts';
import { workflowSignals } from '../../../adapters/workflow-signals.ts';

/**
 * The cascade only resolves complaints, and `resolve` never reads the staff directory (only `assign`
 * does): leaving the Cognito client out keeps this bundle under its size limit.
 */
const NO_DIRECTORY: StaffDirectory = {
  list: () => Promise.resolve([]),
  find: () => Promise.resolve(undefined),
};

/** What the incident action route hands its use case. */
export const incidentActionDeps: IncidentActionDeps = {
  incidents: incidentStore,
  store: complaintStore,
  policy: policySource,
  signals: workflowSignals,
  directory: NO_DIRECTORY,
  clock,
};
