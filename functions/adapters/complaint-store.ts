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

// Each round of writers racing on one complaint lets exactly one through, so N writers at once need N
// rounds: 8 attempts gave 15-21 of 30 concurrent customer messages a 500. Now as many attempts as fit
// in 8 s (API functions time out at 10 s), with full-jitter pauses growing to 1 s, which spread 30
// writers over about a second instead of retrying in step; what still loses is answered 503 with
// Retry-After (api/http/retry-later.ts).
const MUTATION_RETRY = { attempts: 100, baseDelayMs: 20, maxDelayMs: 1000, withinMs: 8000 };

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
