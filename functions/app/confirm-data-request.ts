import {
  dataRequestDueAt,
  type DataRequestChannel,
  type DataRequestKind,
  type DataSubjectRequest,
} from '../domain/data-subject-request.ts';
import type { Locale } from '../domain/vocabulary.ts';
import type { DataRequestStore } from './data-request-ports.ts';
import type { Clock, IdSource, PolicySource } from './ports.ts';

/** What a valid confirmation link says (adapters/data-request-token.ts has checked it). */
export interface ConfirmedAsk {
  id: string;
  email: string;
  kind: DataRequestKind;
  locale: Locale;
  channel: DataRequestChannel;
}

/**
 * The owner of the address confirmed the request: it is recorded with its deadline (policy, business
 * time) and audited. The id came with the link, so confirming twice records it once and answers the
 * request as it stands. Carrying it out is the stream consumer's (workflow/data-requests.ts).
 */
export const confirmDataRequest = async (
  deps: { requests: DataRequestStore; policy: PolicySource; clock: Clock; ids: IdSource },
  ask: ConfirmedAsk,
): Promise<DataSubjectRequest> => {
  const now = deps.clock.now();
  const { policy, calendar } = deps.policy.current();
  const request: DataSubjectRequest = {
    ...ask,
    status: 'received',
    receivedAt: now.toISOString(),
    dueAt: dataRequestDueAt(calendar, policy.dataRequests.answerWithin, now).toISOString(),
    version: 1,
    updatedAt: now.toISOString(),
  };
  const created = await deps.requests.create(request, {
    requestId: request.id,
    eventId: deps.ids.newId(now),
    at: request.receivedAt,
    type: 'data-request.received',
    actor: { kind: 'customer' },
    status: 'received',
    details: { kind: request.kind, channel: request.channel, dueAt: request.dueAt },
  });
  if (created === 'created') return request;
  const existing = await deps.requests.get(ask.id);
  if (!existing) throw new Error(`Data request ${ask.id} exists but cannot be read`);
  return existing;
};
