import type { Actor } from '../domain/audit-event.ts';
import type { ComplaintStore, Decide, Mutated, ReferenceIndex } from '../app/ports.ts';
import { retry } from '../app/retry.ts';
import { now } from './clock.ts';
import { complaintIdOfReference, getComplaint, listEvents, saveComplaint } from './complaint-repository.ts';
import { newId, toEvents } from './events.ts';

/** Another writer saved the complaint between our read and our write; reading again is safe. */
export class ConcurrentChange extends Error {
  override name = 'ConcurrentChange';
}

// Enough for a few dozen writers on one complaint (a staff action, a customer reply and the workflow
// at once is the usual worst case), with pauses that spread them apart instead of retrying in step.
const MUTATION_RETRY = { attempts: 8, baseDelayMs: 10, maxDelayMs: 400 };

const mutate = <T>(id: string, actor: Actor, decide: Decide<T>): Promise<Mutated<T>> =>
  retry(
    MUTATION_RETRY,
    (error) => error instanceof ConcurrentChange,
    async () => {
      const complaint = await getComplaint(id);
      if (!complaint) throw new Error(`Complaint ${id} does not exist`);
      const at = now();
      const { decision, result } = decide(complaint, at, () => newId(at));
      if (!decision) return { complaint, result, applied: false };
      const events = toEvents(id, decision.events, actor, at);
      if ((await saveComplaint(complaint, decision.changes, events, at)) === 'conflict') {
        throw new ConcurrentChange(`Complaint ${id} changed while deciding`);
      }
      const saved = {
        ...complaint,
        ...decision.changes,
        version: complaint.version + 1,
        updatedAt: at.toISOString(),
      };
      return { complaint: saved, result, applied: true };
    },
  );

/** The complaint store on the DynamoDB table: optimistic locking on `version`, events in the same write. */
export const complaintStore: ComplaintStore = { get: getComplaint, events: listEvents, mutate };

/** References to complaint ids, from the reference items intake writes beside each complaint. */
export const referenceIndex: ReferenceIndex = { complaintIdOf: complaintIdOfReference };
