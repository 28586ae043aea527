import type { IncidentActionDeps } from '../../../app/perform-incident-action.ts';
import { clock } from '../../../adapters/clock.ts';
import { complaintStore } from '../../../adapters/complaint-store.ts';
import { incidentStore } from '../../../adapters/incident-repository.ts';
import { outboxMailer } from '../../../adapters/outbox-mailer.ts';
import { policySource } from '../../../adapters/policy-source.ts';
import { sentMailLog } from '../../../adapters/sent-mail-log.ts';
import { staffDirectory } from '../../../adapters/staff-directory.ts';
import { workflowSignals } from '../../../adapters/workflow-signals.ts';

/** What the incident action route hands its use case. */
export const incidentActionDeps: IncidentActionDeps = {
  incidents: incidentStore,
  store: complaintStore,
  mailer: outboxMailer,
  policy: policySource,
  sentMail: sentMailLog,
  signals: workflowSignals,
  directory: staffDirectory,
  clock,
};
