import { describe, expect, it } from 'vitest';
import { advanceLifecycle } from '../../../functions/app/advance-lifecycle.ts';
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

const setUp = (complaint: ReturnType<typeof triagedL1>, at: () => Date) => {
  const { store, current } = inMemoryStore(complaint, at);
  const { mailer, sent } = recordingMailer();
  const deps = {
    store,
    mailer,
    policy: fixedPolicy,
    metrics: countingMetrics().metrics,
    sentMail: { record: () => Promise.resolve() },
    deliveries: inMemoryDeliveries().deliveries,
  };
  return { deps, current, sent };
};

describe('advance the lifecycle (one wake-up)', () => {
  it('plans the first stage not done, until its next check (or its warning, earlier)', async () => {
    const complaint = triagedL1();
    const { deps, sent } = setUp(complaint, () => RECEIVED);
    const { step } = await advanceLifecycle(deps, complaint.id, { by: 'start', stage: 'firstResponse' });
    expect(step).toMatchObject({ kind: 'await', stage: 'firstResponse', version: complaint.version });
    const until = (step as { until: Date }).until.getTime();
    expect(until).toBeGreaterThan(RECEIVED.getTime());
    expect(until).toBeLessThanOrEqual(Date.parse(complaint.sla!.firstResponse.nextCheckAt));
    expect(sent).toEqual([]);
  });

  it('escalates the stage whose wait timed out, mails that level, and plans the next check', async () => {
    const complaint = triagedL1();
    const now = new Date(complaint.sla!.firstResponse.nextCheckAt);
    const { deps, current, sent } = setUp(complaint, () => now);
    const { step } = await advanceLifecycle(deps, complaint.id, { by: 'timeout', stage: 'firstResponse' });
    expect(sent).toEqual([{ recipients: ['level-1@example.com'], subject: 'escalation' }]);
    expect(current().sla?.escalationLevel).toBe(1);
    expect(step).toMatchObject({ kind: 'await', stage: 'firstResponse' });
    expect((step as { until: Date }).until.getTime()).toBeGreaterThan(now.getTime());
  });

  it('does not escalate on a signal, even past the check time', async () => {
    const complaint = triagedL1();
    const { deps, current, sent } = setUp(
      complaint,
      () => new Date(complaint.sla!.firstResponse.nextCheckAt),
    );
    await advanceLifecycle(deps, complaint.id, { by: 'signal', stage: 'firstResponse' });
    expect(sent).toEqual([]);
    expect(current().sla?.escalationLevel).toBe(0);
  });

  it('ends a rejected complaint without follow-up mail', async () => {
    const complaint = { ...triagedL1(), status: 'rejected' as const };
    const { deps, sent } = setUp(complaint, () => RECEIVED);
    const { step } = await advanceLifecycle(deps, complaint.id, { by: 'signal', stage: 'resolution' });
    expect(step).toMatchObject({ kind: 'end', stage: 'followUp' });
    expect(sent).toEqual([]);
  });
});
