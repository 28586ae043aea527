import { dataRequestConfirmationSchema } from '../../domain/data-subject-request.ts';
import { toFieldErrors } from '../../domain/field-errors.ts';
import { openDataExport } from '../../app/open-data-export.ts';
import { wallClock } from '../../adapters/clock.ts';
import { dataExportStorage } from '../../adapters/data-export-storage.ts';
import { dataRequestStore } from '../../adapters/data-request-repository.ts';
import { evidenceStorage } from '../../adapters/evidence-storage.ts';
import { readDownloadToken } from '../../adapters/data-request-token.ts';
import { newId } from '../../adapters/events.ts';
import { httpHandler } from '../http/middleware.ts';
import { jsonResponse, problems } from '../http/problem.ts';
import { linkProblem } from './link-problem.ts';

/**
 * POST /v1/data-requests/export — `{ token }` from the mailed download link: download links, valid for
 * minutes, to the export (JSON) and to each of the customer's files; the bytes never pass through
 * here. Audited. A link that does not open: 404 / 410.
 */
export const handler = httpHandler({ jsonBody: { maxBytes: 2 * 1024 } }, async (event) => {
  const parsed = dataRequestConfirmationSchema.safeParse(event.body);
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  const reading = await readDownloadToken(parsed.data.token, wallClock.now());
  if (reading.kind !== 'valid') throw linkProblem(reading.kind);
  const links = await openDataExport(
    {
      requests: dataRequestStore,
      exports: dataExportStorage,
      evidence: evidenceStorage,
      clock: wallClock,
      ids: { newId },
    },
    reading.claims.id,
  );
  // A valid link whose export is gone (refused meanwhile): as an unknown link.
  if (!links) throw linkProblem('invalid');
  return jsonResponse(200, links);
});
