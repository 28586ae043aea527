import { describe, expect, it } from 'vitest';
import type { CreateOutcome, IntakeRepository } from '../../../functions/app/ports.ts';
import { requestFingerprint, submitComplaint } from '../../../functions/app/submit-complaint.ts';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import { validateIntake } from '../../../functions/domain/intake.ts';
import { chineseComplaint } from '../../support/fixtures.ts';
import { countingMetrics } from '../../support/in-memory-ports.ts';

const request = () => {
  const validation = validateIntake(chineseComplaint({ channel: 'api' }), new Date());
  if (!validation.ok) throw new Error('fixture invalid');
  return validation.request;
};

const repository = (
  outcomes: CreateOutcome['kind'][],
  stored?: Complaint,
): IntakeRepository & { created: Complaint[] } => {
  const created: Complaint[] = [];
  return {
    created,
    create: (complaint) => {
      created.push(complaint);
      const kind: CreateOutcome['kind'] = outcomes.shift() ?? 'created';
      return Promise.resolve({ kind });
    },
    idempotencyRecord: (key) =>
      Promise.resolve(stored && { key, fingerprint: requestFingerprint(request()), complaintId: stored.id }),
    get: () => Promise.resolve(stored),
  };
};

const clock = { now: () => new Date() };

describe('submit a complaint', () => {
  it('counts a new complaint by its channel, once', async () => {
    const { metrics, counted } = countingMetrics();
    const outcome = await submitComplaint({ intake: repository([]), clock, metrics }, request(), 'k');
    expect(outcome.kind).toBe('created');
    expect(counted).toEqual([{ name: 'ComplaintReceived', dimensions: { channel: 'api' } }]);
  });

  it('replays a retried key without counting it again', async () => {
    const { metrics, counted } = countingMetrics();
    const original = { id: 'ORIGINAL' } as Complaint;
    const intake = repository(['idempotency-key-taken'], original);
    const outcome = await submitComplaint({ intake, clock, metrics }, request(), 'k');
    expect(outcome).toEqual({ kind: 'replayed', complaint: original });
    expect(counted).toEqual([]);
  });

  it('tries again with a new reference, and after a conflicting concurrent retry', async () => {
    const { metrics } = countingMetrics();
    const intake = repository(['reference-taken', 'transaction-conflict', 'created']);
    const outcome = await submitComplaint({ intake, clock, metrics }, request(), 'k');
    expect(outcome.kind).toBe('created');
    expect(new Set(intake.created.map((complaint) => complaint.reference)).size).toBe(3);
  });
});
