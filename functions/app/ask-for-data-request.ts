import { customerKeyFor } from '../domain/contact-keys.ts';
import type { DataRequestChannel, DataRequestKind } from '../domain/data-subject-request.ts';
import type { Locale } from '../domain/vocabulary.ts';
import type { DataRequestLinks, DataRequestMailer, CustomerRecordsReader } from './data-request-ports.ts';
import type { Clock, IdSource, PolicySource } from './ports.ts';

export interface AskForDataRequestDeps {
  records: CustomerRecordsReader;
  links: DataRequestLinks;
  mailer: DataRequestMailer;
  policy: PolicySource;
  clock: Clock;
  ids: IdSource;
}

export type AskOutcome = 'mailed' | 'no-complaints';

/**
 * Someone asks for a copy or the erasure of the personal data filed with `email`: a confirmation link
 * goes to that address, so only its owner can make the request (from the tracking page too: a tracking
 * link opens one complaint, the request covers all of that address's). Nothing is stored until it is
 * confirmed. An address with no complaints gets no mail, so the form is no relay to any address;
 * the caller answers the same either way.
 */
export const askForDataRequest = async (
  deps: AskForDataRequestDeps,
  request: { email: string; kind: DataRequestKind; locale: Locale; channel: DataRequestChannel },
): Promise<AskOutcome> => {
  const ids = await deps.records.complaintIdsOf(customerKeyFor(request.email), 1);
  if (ids.length === 0) return 'no-complaints';
  const now = deps.clock.now();
  const { confirmLinkValidHours } = deps.policy.current().policy.dataRequests;
  const expiresAt = new Date(now.getTime() + confirmLinkValidHours * 3_600_000);
  const link = await deps.links.confirmation({ id: deps.ids.newId(now), ...request }, expiresAt);
  await deps.mailer.confirmation(request.email, request.locale, request.kind, link, expiresAt);
  return 'mailed';
};
