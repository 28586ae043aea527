import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { AnnouncementResult } from '../../app/announce-attachment.ts';
import type { DownloadResult } from '../../app/attachment-download.ts';
import { attachmentDeclarationSchema, type AttachmentDeclaration } from '../../domain/evidence.ts';
import { toFieldErrors } from '../../domain/field-errors.ts';
import { complaintIdSchema } from '../../domain/complaint.ts';
import { environment } from '../../adapters/config.ts';
import { HttpProblem, jsonResponse, problems } from '../http/problem.ts';

/** A declaration is a few hundred bytes of JSON. */
export const MAX_DECLARATION_BYTES = 4 * 1024;

/** Attachment ids are ULIDs, like complaint ids. */
export const attachmentIdSchema = complaintIdSchema;

export const parseDeclaration = (body: unknown): AttachmentDeclaration => {
  const parsed = attachmentDeclarationSchema.safeParse(body);
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  return parsed.data;
};

export const malwareScanOn = (): boolean => environment().MALWARE_SCAN === 'true';

const attachmentNotFound = () =>
  new HttpProblem({
    type: '/problems/not-found',
    title: 'Not found',
    status: 404,
    detail: 'The complaint has no such file.',
  });

/** 201 with the upload form, or the problem that says why no file of this kind can be added. */
export const announcementResponse = (
  result: AnnouncementResult,
  notFound: () => HttpProblem,
): APIGatewayProxyStructuredResultV2 => {
  switch (result.kind) {
    case 'not-found':
      throw notFound();
    case 'refused':
      throw problems.validation([{ field: result.field, message: result.reason }]);
    case 'closed':
      throw new HttpProblem({
        type: '/problems/complaint-closed',
        title: 'The complaint is closed',
        status: 409,
        detail: 'This complaint no longer takes files.',
      });
    case 'too-many':
      throw new HttpProblem({
        type: '/problems/too-many-files',
        title: 'Too many files on this complaint',
        status: 409,
        detail: `A complaint may have at most ${result.max} files. Nothing was stored.`,
      });
    case 'announced':
      return jsonResponse(201, { id: result.id, upload: result.upload });
  }
};

/** 200 with a short-lived link, or why this file cannot be downloaded now. */
export const downloadResponse = (result: DownloadResult): APIGatewayProxyStructuredResultV2 => {
  switch (result.kind) {
    case 'not-found':
      throw attachmentNotFound();
    case 'not-available':
      throw new HttpProblem({
        type: '/problems/file-not-available',
        title: 'The file is not available',
        status: 409,
        detail:
          result.status === 'pending'
            ? 'The file has not been uploaded yet.'
            : 'The file is withheld: its content did not pass the checks.',
      });
    case 'scan-pending':
      throw new HttpProblem(
        {
          type: '/problems/file-scan-pending',
          title: 'The file is being scanned',
          status: 409,
          detail: 'The file is being scanned for malware; try again in a minute.',
        },
        60,
      );
    case 'infected':
      throw new HttpProblem({
        type: '/problems/file-infected',
        title: 'The file is withheld',
        status: 409,
        detail: 'The malware scan found a threat in this file.',
      });
    case 'link':
      return jsonResponse(200, { url: result.url, expiresInSeconds: result.expiresInSeconds });
  }
};
