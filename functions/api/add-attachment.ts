import { announceAttachment } from '../app/announce-attachment.ts';
import { wallClock } from '../adapters/clock.ts';
import { complaintStore } from '../adapters/complaint-store.ts';
import { evidenceStorage } from '../adapters/evidence-storage.ts';
import { policySource } from '../adapters/policy-source.ts';
import { announcementResponse, MAX_DECLARATION_BYTES, parseDeclaration } from './attachments/responses.ts';
import { httpHandler } from './http/middleware.ts';
import { problems } from './http/problem.ts';
import { trackedComplaint } from './tracking-access.ts';

/**
 * POST /v1/complaints/{id}/attachments — the complainant (tracking token in `x-tracking-token`)
 * declares a file; 201 `{ id, upload: { url, fields } }`, a form that posts it straight to S3.
 */
export const handler = httpHandler({ jsonBody: { maxBytes: MAX_DECLARATION_BYTES } }, async (event) => {
  const tracked = await trackedComplaint(event);
  const declaration = parseDeclaration(event.body);
  const result = await announceAttachment(
    { store: complaintStore, policy: policySource, storage: evidenceStorage, wallClock },
    tracked.id,
    declaration,
    { kind: 'customer' },
  );
  return announcementResponse(result, problems.notFound);
});
