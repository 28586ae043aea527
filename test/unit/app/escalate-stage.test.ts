import { describe, expect, it } from 'vitest';
import { escalateStage } from '../../../functions/app/escalate-stage.ts';
import { decideTriage } from '../../../functions/domain/lifecycle.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import {
  countingMetrics,
  fixedPolicy,
  inMemoryDeliveries,
  inMemoryStore,
  recordingMailer,
} from '../../support/in-memory-ports.ts';

const RECEIVED = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai

const triagedL1 = () => {
  const { policy, calendar } = fixedPolicy.current();
  const complaint = receivedComplaint(RECEIVED, {
    subject: '电暖器起火',
    description: '电暖器突然起火，手被烫伤。',
  });
  return { ...complaint, ...decideTriage(policy, calendar, complaint, [], RECEIVED)!.changes };
};

describe('escalate a stage', () => {
  it('escalates once its check time came, mails the level, and counts the breach once and each escalation', async () => {
    const complaint = triagedL1();
    let now = new Date(complaint.sla!.firstResponse.nextCheckAt);
    const { store, current } = inMemoryStore(complaint, () => now);
    const { mailer, sent } = recordingMailer();
    const { metrics, counted } = countingMetrics();
    const deps = {
      store,
      mailer,
      policy: fixedPolicy,
      metrics,
      sentMail: { record: () => Promise.resolve() },
      deliveries: inMemoryDeliveries().deliveries,
    };

    const first = await escalateStage(deps, complaint.id, 'firstResponse');
    expect(first).toMatchObject({ escalated: true, sent: 1 });
    expect(sent).toEqual([{ recipients: ['level-1@example.com'], subject: 'escalation' }]);
    expect(current().outbox).toEqual([]);
    expect(counted.map(({ name }) => name)).toEqual(['SlaBreached', 'Escalated']);

    // Not due again yet: nothing happens.
    expect(await escalateStage(deps, complaint.id, 'firstResponse')).toMatchObject({
      escalated: false,
      sent: 0,
    });

    now = new Date(current().sla!.firstResponse.nextCheckAt);
    await escalateStage(deps, complaint.id, 'firstResponse');
    // The second level is an escalation, not a second breach.
    expect(counted.map(({ name }) => name)).toEqual(['SlaBreached', 'Escalated', 'Escalated']);
  });
});
