import type { CarryOutDeps } from '../app/carry-out-data-request.ts';
import { wallClock } from '../adapters/clock.ts';
import { dataExportStorage } from '../adapters/data-export-storage.ts';
import { dataRequestLinks } from '../adapters/data-request-links.ts';
import { dataRequestMailer } from '../adapters/data-request-mailer.ts';
import { customerRecords, dataRequestStore } from '../adapters/data-request-repository.ts';
import { newId } from '../adapters/events.ts';
import { policySource } from '../adapters/policy-source.ts';
import { eraseComplaint } from './erase-complaint.ts';

/**
 * What carrying out a data-subject request needs: the stream consumer and the staff route share it.
 * Download links expire in real time (wall clock), not in the business time the local runtime may run
 * faster.
 */
export const carryOutDeps: CarryOutDeps = {
  requests: dataRequestStore,
  records: customerRecords,
  exports: dataExportStorage,
  links: dataRequestLinks,
  mailer: dataRequestMailer,
  erase: eraseComplaint,
  policy: policySource,
  clock: wallClock,
  ids: { newId },
};
