import type { ComplaintEvent } from './audit-event.ts';
import type { Complaint } from './complaint.ts';
import { isCustomerEmail } from './customer-response.ts';
import { customerView } from './customer-view.ts';
import type { SentMail } from './sent-mail.ts';

/**
 * The machine-readable copy of a complainant's personal data (PIPL art. 45): every complaint filed
 * with their address, what they told us, what we asked and answered them, the mail we sent them as
 * they received it, their survey answers and their files (listed here; the bytes are downloaded from
 * storage through links handed out when the export is opened). Staff's internal notes and the names of
 * staff are not the customer's data and stay out, as on the tracking page.
 */
export const EXPORT_FORMAT = 'complaint-personal-data/v1';

/**
 * At most this many complaints go into one export: far more than any real complainant files, and it
 * bounds the document (each complaint is bounded by the case limits) to a few megabytes, built in
 * one invocation of the stream consumer.
 */
export const MAX_EXPORTED_COMPLAINTS = 500;

export interface ComplaintRecords {
  complaint: Complaint;
  events: readonly ComplaintEvent[];
  mails: readonly SentMail[];
}

export interface ExportedFile {
  complaintId: string;
  complaintReference: string;
  attachmentId: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedAt: string;
}

export interface PersonalDataExport {
  format: typeof EXPORT_FORMAT;
  generatedAt: string;
  email: string;
  complaints: ExportedComplaint[];
  files: ExportedFile[];
  /** More complaints than MAX_EXPORTED_COMPLAINTS: the rest are named by reference only. */
  truncated: boolean;
}

export interface ExportedComplaint {
  id: string;
  reference: string;
  channel: Complaint['channel'];
  submittedAt: string;
  status: Complaint['status'];
  customer: { name: string; email: string | null; phone: string | null; locale: string };
  subject: string;
  description: string;
  product: string | null;
  orderRef: string | null;
  incidentAt: string | null;
  desiredOutcome: string | null;
  consent: Complaint['consent'];
  resolution: ReturnType<typeof customerView>['resolution'];
  rejectionReason: ReturnType<typeof customerView>['rejectionReason'];
  /** What happened, as the tracking page shows it, with our questions and their answers. */
  timeline: ReturnType<typeof customerView>['timeline'];
  mails: { sentAt: string; subject: string; text: string }[];
  survey: { round: number; answeredAt: string | null; answer: unknown } | null;
}

/** The export of `email`'s data: only complaints filed with that address, whatever else was passed. */
export const personalDataExport = (
  email: string,
  records: readonly ComplaintRecords[],
  generatedAt: Date,
): PersonalDataExport => {
  const own = records
    .filter((record) => isCustomerEmail(record.complaint, email))
    .toSorted((a, b) => a.complaint.submittedAt.localeCompare(b.complaint.submittedAt));
  const kept = own.slice(0, MAX_EXPORTED_COMPLAINTS);
  return {
    format: EXPORT_FORMAT,
    generatedAt: generatedAt.toISOString(),
    email,
    complaints: kept.map(exportedComplaint),
    files: kept.flatMap(({ complaint }) => exportedFiles(complaint)),
    truncated: own.length > kept.length,
  };
};

const exportedComplaint = ({ complaint, events, mails }: ComplaintRecords): ExportedComplaint => {
  const view = customerView(complaint, events);
  return {
    id: complaint.id,
    reference: complaint.reference,
    channel: complaint.channel,
    submittedAt: complaint.submittedAt,
    status: complaint.status,
    customer: {
      name: complaint.customer.name,
      email: complaint.customer.email ?? null,
      phone: complaint.customer.phone ?? null,
      locale: complaint.customer.locale,
    },
    subject: complaint.subject,
    description: complaint.description,
    product: complaint.product ?? null,
    orderRef: complaint.orderRef ?? null,
    incidentAt: complaint.incidentAt ?? null,
    desiredOutcome: complaint.desiredOutcome ?? null,
    consent: complaint.consent,
    resolution: view.resolution,
    rejectionReason: view.rejectionReason,
    timeline: view.timeline,
    mails: mails
      .toSorted((a, b) => a.sentAt.localeCompare(b.sentAt))
      .map(({ sentAt, subject, text }) => ({ sentAt, subject, text })),
    survey: complaint.followUp?.answer
      ? {
          round: complaint.followUp.round,
          answeredAt: complaint.followUp.answeredAt ?? null,
          answer: complaint.followUp.answer,
        }
      : null,
  };
};

/** The customer's own files that storage holds and hands out (checked, not quarantined or infected). */
const exportedFiles = (complaint: Complaint): ExportedFile[] =>
  (complaint.attachments ?? [])
    .filter((file) => file.uploadedBy.kind === 'customer' && file.status === 'available')
    .map((file) => ({
      complaintId: complaint.id,
      complaintReference: complaint.reference,
      attachmentId: file.id,
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.size,
      uploadedAt: file.recordedAt ?? file.createdAt,
    }));
