import type { AskForDataRequestDeps } from '../../app/ask-for-data-request.ts';
import { wallClock } from '../../adapters/clock.ts';
import { dataRequestLinks } from '../../adapters/data-request-links.ts';
import { dataRequestMailer } from '../../adapters/data-request-mailer.ts';
import { customerRecords } from '../../adapters/data-request-repository.ts';
import { newId } from '../../adapters/events.ts';
import { policySource } from '../../adapters/policy-source.ts';

/** What asking for a data-subject request needs; links expire in real time (wall clock). */
export const askDeps: AskForDataRequestDeps = {
  records: customerRecords,
  links: dataRequestLinks,
  mailer: dataRequestMailer,
  policy: policySource,
  clock: wallClock,
  ids: { newId },
};
