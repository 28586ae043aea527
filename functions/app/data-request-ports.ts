import type {
  DataRequestChannel,
  DataRequestEvent,
  DataRequestKind,
  DataSubjectRequest,
} from '../domain/data-subject-request.ts';
import type { ComplaintRecords } from '../domain/personal-data-export.ts';
import type { Locale } from '../domain/vocabulary.ts';

/**
 * The ports of data-subject requests (kept apart from ports.ts, which many use cases share). A
 * request is its own item with its audit trail beside it; the complaints are read through the
 * customer's key (the byCustomer index).
 */
export interface DataRequestStore {
  /** Records a confirmed request with its first audit event, once: `exists` for an id already used. */
  create(request: DataSubjectRequest, event: DataRequestEvent): Promise<'created' | 'exists'>;
  get(id: string): Promise<DataSubjectRequest | undefined>;
  /** The newest requests first. */
  list(limit: number): Promise<DataSubjectRequest[]>;
  /** Replaces the request if it is still at `previous.version`, with the event, in one transaction. */
  save(
    previous: DataSubjectRequest,
    next: DataSubjectRequest,
    event: DataRequestEvent,
  ): Promise<'saved' | 'conflict'>;
  /** An audit event that changes nothing on the request (a download). */
  record(event: DataRequestEvent): Promise<void>;
  events(id: string): Promise<DataRequestEvent[]>;
}

/** A customer's complaints, whole: what an export contains and an erasure goes through. */
export interface CustomerRecordsReader {
  /** The ids of every complaint filed with the customer's key (up to `limit`). */
  complaintIdsOf(customerKey: string, limit: number): Promise<string[]>;
  /** Each complaint with its audit events and the mail sent for it (those that exist). */
  records(ids: readonly string[]): Promise<ComplaintRecords[]>;
}

/** Where exports are kept: the evidence bucket, under a prefix of their own. */
export interface DataExportStorage {
  /** Stores the document; returns its size in bytes. */
  put(key: string, document: string): Promise<number>;
  /** A download link, valid for `expiresSeconds`, to an export or to one of the customer's files. */
  downloadUrl(key: string, contentType: string, expiresSeconds: number): Promise<string>;
}

export interface DataRequestLinks {
  /** The page that confirms a request (its token carries what was asked, by whom, until when). */
  confirmation(
    request: {
      id: string;
      email: string;
      kind: DataRequestKind;
      locale: Locale;
      channel: DataRequestChannel;
    },
    expiresAt: Date,
  ): Promise<string>;
  /** The page that hands out an export's download links. */
  download(requestId: string, expiresAt: Date): Promise<string>;
}

/** The customer's mail about their request, in their language. */
export interface DataRequestMailer {
  confirmation(
    to: string,
    locale: Locale,
    kind: DataRequestKind,
    link: string,
    expiresAt: Date,
  ): Promise<void>;
  /** The outcome: the download link (export), what was erased and kept and why, or the refusal. */
  outcome(request: DataSubjectRequest, downloadLink: string | undefined): Promise<void>;
}
