import type { CarryOutDeps } from '../app/carry-out-data-request.ts';
import { wallClock } from '../adapters/clock.ts';
import { complaintStore } from '../adapters/complaint-store.ts';
import { dataExportStorage } from '../adapters/data-export-storage.ts';
import { dataRequestLinks } from '../adapters/data-request-links.ts';
import { dataRequestMailer } from '../adapters/data-request-mailer.ts';
import { customerRecords, dataRequestStore } from '../adapters/data-request-repository.ts';
import { newId } from '../adapters/events.ts';
import { evidenceFiles } from '../adapters/evidence-files.ts';
import { personalDataStore } from '../adapters/personal-data-store.ts';
import { policySource } from '../adapters/policy-source.ts';

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
  anonymise: {
    complaints: complaintStore,
    personalData: personalDataStore,
    evidence: evidenceFiles,
    policy: policySource,
  },
  policy: policySource,
  clock: wallClock,
  ids: { newId },
};
