import { customerKeyFor } from '../domain/contact-keys.ts';
import {
  erasureBlockOfRefusal,
  erasurePlan,
  erasureStatus,
  isOpenDataRequest,
  outcomeEventType,
  type DataRequestErasure,
  type DataRequestEvent,
  type DataSubjectRequest,
} from '../domain/data-subject-request.ts';
import { attachmentKey } from '../domain/evidence.ts';
import { MAX_EXPORTED_COMPLAINTS, personalDataExport } from '../domain/personal-data-export.ts';
import type {
  CustomerRecordsReader,
  DataExportStorage,
  DataRequestLinks,
  DataRequestMailer,
  DataRequestStore,
} from './data-request-ports.ts';
import { anonymiseComplaint, type AnonymiseComplaintDeps } from './anonymise-complaint.ts';
import type { Clock, IdSource, PolicySource } from './ports.ts';

export interface CarryOutDeps {
  requests: DataRequestStore;
  records: CustomerRecordsReader;
  exports: DataExportStorage;
  links: DataRequestLinks;
  mailer: DataRequestMailer;
  /** What erasing takes: the retention work's anonymisation (app/anonymise-complaint.ts). */
  anonymise: AnonymiseComplaintDeps;
  policy: PolicySource;
  clock: Clock;
  ids: IdSource;
}

/** Who carries it out: the stream consumer at once, or a manager or admin from the staff queue. */
export type DataRequestHandler = { kind: 'system' } | { kind: 'staff'; id: string; role: string };

export type CarryOutcome =
  | { kind: 'done'; request: DataSubjectRequest }
  | { kind: 'not-found' }
  | { kind: 'not-open'; request: DataSubjectRequest }
  | { kind: 'conflict' };

/** The object key of a request's export in the evidence bucket (outside `complaints/`). */
export const exportKey = (requestId: string): string => `data-requests/${requestId}/personal-data.json`;

/**
 * Carries out a confirmed request: an export is built from every complaint of the address, stored
 * whole in the bucket (never passed through a Lambda response) and a link to it mailed; an erasure
 * anonymises each complaint nothing prevents and tells which were kept and why. The outcome is mailed
 * before it is saved, so a failure in between repeats the work (anonymising twice changes nothing)
 * rather than losing the mail; the save is conditional on the version read, so of the stream consumer
 * and a member of staff acting at once, one records the outcome.
 */
export const carryOutDataRequest = async (
  deps: CarryOutDeps,
  requestId: string,
  by: DataRequestHandler,
): Promise<CarryOutcome> => {
  const request = await deps.requests.get(requestId);
  if (!request) return { kind: 'not-found' };
  if (!isOpenDataRequest(request)) return { kind: 'not-open', request };
  const ids = await deps.records.complaintIdsOf(customerKeyFor(request.email), MAX_EXPORTED_COMPLAINTS + 1);
  const records = await deps.records.records(ids);
  const now = deps.clock.now();
  const handledBy = by.kind === 'staff' ? by.id : 'system';
  let next: DataSubjectRequest;
  let downloadLink: string | undefined;
  if (request.kind === 'export') {
    const document = personalDataExport(request.email, records, now);
    const key = exportKey(request.id);
    const bytes = await deps.exports.put(key, JSON.stringify(document, null, 2));
    const { exportLinkValidDays } = deps.policy.current().policy.dataRequests;
    const linkExpiresAt = new Date(now.getTime() + exportLinkValidDays * 86_400_000);
    downloadLink = await deps.links.download(request.id, linkExpiresAt);
    next = {
      ...request,
      status: 'fulfilled',
      export: {
        key,
        complaints: document.complaints.length,
        files: document.files.length,
        bytes,
        producedAt: now.toISOString(),
        linkExpiresAt: linkExpiresAt.toISOString(),
        fileKeys: document.files.map((file) => ({
          complaintReference: file.complaintReference,
          fileName: file.fileName,
          contentType: file.contentType,
          size: file.size,
          key: attachmentKey(file.complaintId, file.attachmentId),
        })),
      },
    };
  } else {
    const erasure = await erase(
      deps,
      records.map((record) => record.complaint),
      by,
      now,
    );
    next = { ...request, status: erasureStatus(erasure), erasure };
  }
  next = { ...next, handledBy, version: request.version + 1, updatedAt: now.toISOString() };
  await deps.mailer.outcome(next, downloadLink);
  const saved = await deps.requests.save(request, next, outcomeEvent(deps, next, by, now));
  return saved === 'saved' ? { kind: 'done', request: next } : { kind: 'conflict' };
};

const erase = async (
  deps: CarryOutDeps,
  complaints: Parameters<typeof erasurePlan>[0],
  by: DataRequestHandler,
  now: Date,
): Promise<DataRequestErasure> => {
  const plan = erasurePlan(complaints);
  const erased: string[] = [];
  const kept = [...plan.keep];
  // One after another: each is a transaction on its own complaint, and a customer has a handful. The
  // plan ruled out holds and open complaints; a refusal here means the complaint changed since it was
  // read, and is kept with its reason like the plan's.
  for (const complaint of plan.erase) {
    const outcome = await anonymiseComplaint(deps.anonymise, {
      complaintId: complaint.id,
      reason: 'erasure-request',
      requestedBy: by.kind === 'staff' ? by.id : 'system',
    });
    if (outcome.kind === 'refused')
      kept.push({ reference: complaint.reference, reason: erasureBlockOfRefusal(outcome.why) });
    // Anonymised now or before; a complaint gone since it was read has nothing left to erase either.
    else erased.push(complaint.reference);
  }
  return { erased, kept, at: now.toISOString() };
};

/** The audit event of an outcome: counts and references, never the address or any complaint text. */
export const outcomeEvent = (
  deps: Pick<CarryOutDeps, 'ids'>,
  request: DataSubjectRequest,
  by: DataRequestHandler,
  now: Date,
): DataRequestEvent => ({
  requestId: request.id,
  eventId: deps.ids.newId(now),
  at: now.toISOString(),
  type: outcomeEventType(request),
  actor: by.kind === 'staff' ? { kind: 'staff', id: by.id, role: by.role } : { kind: 'system' },
  status: request.status,
  details: {
    ...(request.export
      ? { complaints: request.export.complaints, files: request.export.files, bytes: request.export.bytes }
      : {}),
    ...(request.erasure ? { erased: request.erasure.erased, kept: request.erasure.kept } : {}),
    ...(request.refusal ? { reason: request.refusal.reason } : {}),
  },
});
