/**
 * What the use cases need from the outside world, as small interfaces; functions/adapters/ implements
 * them (DynamoDB, Step Functions, SES, the clock, the policy file) and handlers hand them in.
 */
import type { BusinessCalendar } from '../domain/calendar.ts';
import type { Actor, AdminEvent, ComplaintEvent } from '../domain/audit-event.ts';
import type { Complaint, OutboxMessage } from '../domain/complaint.ts';
import type { ComplaintContribution, Counters } from '../domain/kpi-counters.ts';
import type { CounterRow } from '../domain/kpi-report.ts';
import type { FoldedCounts } from '../domain/kpi-fold.ts';
import type { Decision } from '../domain/lifecycle.ts';
import type { ExecutionState } from '../domain/lifecycle-watch.ts';
import type { Incident, SurgeAlert } from '../domain/incident.ts';
import type { ReplyTemplate } from '../domain/reply-templates.ts';
import type { SurgeSubject } from '../domain/surge.ts';
import type { Policy } from '../domain/policy.ts';
import type { PolicyVersion, PolicyVersionInfo } from '../domain/policy-versions.ts';
import type { ProofOfWork, ProofOfWorkChallenge } from '../domain/proof-of-work.ts';
import type { SentMail } from '../domain/sent-mail.ts';
import type { StaffMember } from '../domain/staff-directory.ts';
import type { CorrectiveActionRow } from '../domain/corrective-actions.ts';
import type { AccessRecord } from '../domain/access-log.ts';
import type { CorrectiveActionStatus } from '../domain/vocabulary.ts';

/** A decision taken from the complaint as read, with what the use case wants back from it. */
export interface Decided<T> {
  /** Nothing is saved when there is no decision. */
  decision?: Decision | undefined;
  result: T;
}

/** Decides from the complaint as it is `at`; `newId` makes ids for what the decision queues (outbox). */
export type Decide<T> = (complaint: Complaint, at: Date, newId: () => string) => Decided<T>;

export interface Mutated<T> {
  /** The complaint as saved (or as read, when nothing was decided). */
  complaint: Complaint;
  result: T;
  applied: boolean;
}

export interface ComplaintStore {
  get(id: string): Promise<Complaint | undefined>;
  events(id: string): Promise<ComplaintEvent[]>;
  /**
   * Reads the complaint, decides at the clock's now, and saves the decision's changes with its audit
   * events by `actor` in one conditional write; on a concurrent change it reads and decides again.
   * Throws when the complaint does not exist.
   */
  mutate<T>(id: string, actor: Actor, decide: Decide<T>): Promise<Mutated<T>>;
}

/** Complaints by their human reference (CMP-…), a keyed read: never a Scan. */
export interface ReferenceIndex {
  complaintIdOf(reference: string): Promise<string | undefined>;
}

export interface PolicySource {
  /** The active policy; `version` is its number (domain/policy-versions.ts), recorded on triaged complaints. */
  current(): { policy: Policy; calendar: BusinessCalendar; version: number };
}

/** The policy's stored versions (domain/policy-versions.ts) and the pointer to the active one. */
export interface PolicyVersionStore {
  /** Who made the active version and why; undefined while none is stored (the seed is active). */
  active(): Promise<PolicyVersionInfo | undefined>;
  get(version: number): Promise<PolicyVersion | undefined>;
  /** The stored versions, newest first, at most `limit`. */
  history(limit: number): Promise<PolicyVersionInfo[]>;
  /**
   * Stores `next` and makes it active in one transaction, if the active version is still `replaced`
   * (`seed`: none is stored yet, and the seed is stored with it as version 1); with the audit event.
   */
  activate(
    next: PolicyVersion,
    replaced: { version: number } | { seed: PolicyVersion },
    event: AdminEvent,
  ): Promise<'saved' | 'conflict'>;
}

/** Who works here: the members of staff a case may be assigned to, and where to mail them. */
export interface StaffDirectory {
  /** The members of one department, or every member when `department` is undefined. */
  list(department?: string): Promise<StaffMember[]>;
  /** The member whose identity-provider subject is `id`. */
  find(id: string): Promise<StaffMember | undefined>;
}

export interface Clock {
  now(): Date;
}

export interface WorkflowSignals {
  /** Wakes the workflow waiting on the complaint's current stage; false when nothing was waiting. */
  signal(complaint: Pick<Complaint, 'id' | 'waitToken'>): Promise<boolean>;
}

/** Ends the lifecycle waiting on a token: its callback task fails with LIFECYCLE_ENDED, which the ASL catches. */
export interface LifecycleEndings {
  end(taskToken: string): Promise<void>;
}

export interface WorkflowStarter {
  /** Starts the lifecycle execution of `attempt` (0, the first, by default; see executionName). */
  start(complaintId: string, attempt?: number): Promise<'started' | 'already-running'>;
}

/** Complaints whose workflow may need a re-drive (domain/lifecycle-watch.ts), by a keyed query. */
export interface LifecycleWatch {
  /** Ids of complaints due for a check at or before `until`, earliest first, at most `limit`. */
  due(until: Date, limit: number): Promise<string[]>;
}

/**
 * One delivery record per outbox entry, written with conditional writes around the send: `claimed`,
 * this attempt may send; `sent`, an earlier attempt sent it (its message ids); `abandoned`, an earlier
 * attempt claimed it long enough ago to have ended, without recording a send (it died before or
 * during the send), and this attempt has taken the claim over. A claim still fresh is another attempt
 * in flight: the adapter throws a retryable error.
 */
export interface MailDeliveries {
  claim(
    outboxId: string,
    now: Date,
  ): Promise<{ kind: 'claimed' | 'abandoned' } | { kind: 'sent'; messageIds: string[] }>;
  recordSent(outboxId: string, messageIds: string[]): Promise<void>;
  /**
   * Gives up the claim taken at `claimedAt` after a refused send, so the next attempt sends at once
   * instead of waiting the claim out; a claim since taken over or a recorded send is left alone.
   */
  release(outboxId: string, claimedAt: Date): Promise<void>;
}

/** Counters of new complaints per party in fixed one-hour windows, shared by every function instance. */
export interface IntakeCounters {
  /** Counts one more complaint for the address (its customer key) and the source IP in the hour `windowStart`; the new counts. */
  add(
    parties: { customerKey: string; sourceIp: string },
    windowStart: string,
    expiresAt: Date,
  ): Promise<{ address: number; sourceIp: number }>;
}

/** Signs challenges and checks solutions against them (ALTCHA, under the server's key). */
export interface ProofOfWorkSigner {
  /** A signed challenge hiding a counter at most `maxCounter`, usable until `expiresAt`. */
  issue(terms: { maxCounter: number; expiresAt: Date }): Promise<ProofOfWorkChallenge>;
  /** Whether the solution solves its challenge, which we signed and which has not expired. */
  verify(proof: ProofOfWork): Promise<'solved' | 'expired' | 'invalid'>;
}

/** The solutions already used, shared by every function instance. */
export interface SpentChallenges {
  /** Records the challenge (by its signature) as used; false when it was used before. */
  spend(signature: string, rememberUntil: Date): Promise<boolean>;
}

export interface LifecycleExecutions {
  /** The status of the lifecycle execution named `name`, `none` when there is none. */
  state(name: string): Promise<ExecutionState>;
}

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
  /** Where the customer's reply goes: the complaint's reply address (adapters/reply-token.ts). */
  replyTo?: string;
  /** Headers of the mail's own (List-Unsubscribe), beside those SES writes; ASCII values. */
  headers?: readonly { name: string; value: string }[];
}

/** What a mail is about: tagged on it, so SES's bounce and complaint events can be placed. */
export interface MailAbout {
  /** An outbox message kind, `acknowledgement`, `daily-summary`… */
  mailKind: string;
  complaintId?: string | undefined;
}

/** Sends one message to each recipient; returns the message ids. */
export type SendMail = (
  recipients: string | readonly string[],
  content: EmailContent,
  about: MailAbout,
) => Promise<string[]>;

/** Turns queued outbox messages into mail and sends it. */
export interface Mailer {
  render(
    policy: Policy,
    calendar: BusinessCalendar,
    complaint: Complaint,
    message: OutboxMessage,
  ): Promise<{ recipients: string[]; content: EmailContent }>;
  send: SendMail;
}

/** Keeps the customer mail sent for a complaint as the customer received it (domain/sent-mail.ts). */
export interface SentMailLog {
  /**
   * Called after the mail went out; never rejects (the adapter logs a failure): the mail must not be
   * sent again because its copy could not be kept.
   */
  record(complaintId: string, mail: Omit<SentMail, 'sentAt' | 'truncated'>): Promise<void>;
}

export const BUSINESS_METRICS = [
  'ComplaintReceived',
  // A staff-logged complaint recorded later than the policy's intake.recordWithin after receipt.
  'ComplaintRecordedLate',
  'SlaBreached',
  'Escalated',
  'MailFailed',
  'SurveyAnswered',
  // The reconciler started a lifecycle again, or found one running far past its due check.
  'LifecycleRedriven',
  'LifecycleStuck',
] as const;
export type BusinessMetric = (typeof BUSINESS_METRICS)[number];

export interface BusinessMetrics {
  count(name: BusinessMetric, dimensions?: Record<string, string>): void;
}

export interface IdempotencyRecord {
  key: string;
  fingerprint: string;
  complaintId: string;
}

export type CreateOutcome =
  | { kind: 'created' }
  | { kind: 'idempotency-key-taken' }
  | { kind: 'reference-taken' }
  | { kind: 'transaction-conflict' };

/** Where new complaints are written, exactly once per Idempotency-Key. */
export interface IntakeRepository {
  /** The complaint, its reference, its first events and the idempotency record, all or nothing. */
  create(
    complaint: Complaint,
    events: readonly ComplaintEvent[],
    idempotency: IdempotencyRecord | undefined,
    now: Date,
  ): Promise<CreateOutcome>;
  idempotencyRecord(key: string): Promise<IdempotencyRecord | undefined>;
  get(id: string): Promise<Complaint | undefined>;
}

export interface CustomerComplaintSummary {
  id: string;
  reference: string;
  category?: string;
  submittedAt: string;
}

export interface CustomerHistory {
  /** The customer's complaints submitted in [from, to], newest first. */
  complaintsOf(customerKey: string, from: Date, to: Date): Promise<CustomerComplaintSummary[]>;
}

export interface StageWaits {
  /**
   * Stores the workflow's callback token for the current stage, only if the complaint is still at the
   * version the workflow planned from.
   */
  store(
    complaintId: string,
    expectedVersion: number,
    stage: string,
    token: string,
  ): Promise<'stored' | 'changed-since'>;
}

/** One audit event's contribution to the KPI counters of its groups. */
export interface CountTarget {
  eventId: string;
  /** The counter shard of its complaint (domain/kpi-shards.ts). */
  shard: number;
  day: string;
  groups: readonly { dimension: string; value: string }[];
  delta: ComplaintContribution;
  /** Surge buckets the complaint adds one to (its first count only; domain/surge.ts). */
  surgeBuckets?: readonly (SurgeSubject & { bucket: string })[] | undefined;
}

/** What committing one folded transaction of counts did. */
export type CommitOutcome =
  | { kind: 'committed' }
  /** Nothing was written: these events' markers exist (counted before, a redelivered record). */
  | { kind: 'already-counted'; eventIds: string[] }
  /** Nothing was written: another writer was changing the same items at the same moment. */
  | { kind: 'conflict' };

export interface KpiCounters {
  /** The complaint and its audit events, read consistently. */
  complaintWithEvents(
    complaintId: string,
  ): Promise<{ complaint: Complaint | undefined; events: ComplaintEvent[] }>;
  /** Writes the markers and summed increments of one transaction (domain/kpi-fold.ts), all or nothing. */
  commit(counts: FoldedCounts, now: Date): Promise<CommitOutcome>;
}

export interface KpiReader {
  /** The day rows of one dimension (`all` for the total) from `from` to `to`, inclusive. */
  rows(dimension: string, from: string, to: string): Promise<CounterRow[]>;
  /** The "now" gauges of one dimension. */
  gauges(dimension: string): Promise<{ value: string; counters: Counters }[]>;
}

/** A file attached to a received mail. */
export interface MailAttachment {
  fileName: string;
  /** As the mail declares it, lower case; the evidence recorder checks it against the bytes. */
  contentType: string;
  content: Uint8Array;
}

/** A mail SES receiving stored, parsed. */
export interface ReceivedMail {
  /** The Message-ID header (SES's message id when it has none). */
  messageId: string;
  from: { address: string; name: string } | undefined;
  /** Header values by lower-case name (the first of a repeated header), unfolded. */
  headers: Record<string, string>;
  subject: string;
  /** The text part (or the HTML part as text). */
  text: string;
  /** The text without the quoted mail it answers. */
  newText: string;
  attachments: MailAttachment[];
}

/** Writes a mailed file to the evidence bucket, where the evidence recorder picks it up; its object key. */
export interface EmailEvidence {
  store(complaintId: string, attachment: MailAttachment): Promise<string>;
}

/** Each received mail is acted on once, though SES or Lambda may invoke twice for it. */
export interface MailReceipts {
  /** `claimed`: act on it; `done`: already acted on. Throws while another invocation holds it. */
  claim(messageId: string, now: Date): Promise<'claimed' | 'done'>;
  complete(messageId: string, outcome: string): Promise<void>;
}

/** Reply templates (domain/reply-templates.ts): the current version of each, the earlier ones kept. */
export interface ReplyTemplateStore {
  /** Fails if the id exists. */
  create(template: ReplyTemplate): Promise<void>;
  get(id: string): Promise<ReplyTemplate | undefined>;
  /** Every template, retired ones included, at most `limit`. */
  list(limit: number): Promise<ReplyTemplate[]>;
  /** Stores `next` as current and keeps `previous` as a version, if nobody replaced `previous` meanwhile. */
  replace(previous: ReplyTemplate, next: ReplyTemplate): Promise<'saved' | 'conflict'>;
}

/** Incidents (domain/incident.ts) in the table, changed with optimistic locking on `version`. */
export interface IncidentStore {
  create(incident: Incident): Promise<void>;
  get(id: string): Promise<Incident | undefined>;
  /** The newest incidents first, at most `limit`. */
  list(limit: number): Promise<Incident[]>;
  /** Saves `changes` if the incident is still at `incident.version`; `conflict` when it moved on. */
  save(incident: Incident, changes: Partial<Incident>, now: Date): Promise<'saved' | 'conflict'>;
  /** Forgets a sent outbox message. */
  forgetMessage(id: string, messageId: string): Promise<void>;
}

/** Per-bucket surge counts and the once-per-surge state of each subject (domain/surge.ts). */
export interface SurgeStore {
  buckets(subject: SurgeSubject, from: string, to: string): Promise<{ bucket: string; count: number }[]>;
  /**
   * Starts a surge of `subject` (state active until `activeUntil`, and its suggested incident, in one
   * transaction) unless one is active already; then only extends it. Answers the incident of the
   * surge either way.
   */
  start(
    subject: SurgeSubject,
    activeUntil: string,
    incident: Incident,
    now: Date,
  ): Promise<{ kind: 'started' | 'active'; incidentId: string }>;
}

/** Mail about an incident (the surge alert to senior management), rendered and sent. */
export interface IncidentMailer {
  render(
    policy: Policy,
    calendar: BusinessCalendar,
    incident: Incident,
    message: SurgeAlert,
  ): { recipients: string[]; content: EmailContent };
  send: SendMail;
}

export interface IdSource {
  newId(now: Date): string;
}
/** A form the browser posts a file with, straight to the evidence bucket (an S3 presigned POST). */
export interface UploadForm {
  url: string;
  fields: Record<string, string>;
}

/** The first bytes of a stored evidence object, with what it was stored as. */
export interface StoredObjectStart {
  firstBytes: Uint8Array;
  contentType: string | undefined;
  /** The object's user metadata (x-amz-meta-*), lower-case names. */
  metadata: Record<string, string>;
}

/** The evidence bucket: upload forms and download links for keys, and what the stored objects are. */
export interface EvidenceStorage {
  /** A form that uploads exactly one object under `key`, of `contentType`, of 1 to `maxBytes` bytes. */
  uploadForm(key: string, contentType: string, maxBytes: number, expiresSeconds: number): Promise<UploadForm>;
  /** A link that downloads the object under `key` as `fileName`. */
  downloadUrl(key: string, fileName: string, contentType: string, expiresSeconds: number): Promise<string>;
  /** The object's first `bytes` bytes (a ranged read); undefined when there is no such object. */
  start(key: string, bytes: number): Promise<StoredObjectStart | undefined>;
  /**
   * The malware scan's verdict on the object (GuardDuty's `GuardDutyMalwareScanStatus` tag), undefined
   * while it is not scanned yet.
   */
  scanStatus(key: string): Promise<string | undefined>;
}

/** Names a file's type from its first bytes (magic numbers); undefined when nothing is recognised. */
export type FileSignatureDetector = (firstBytes: Uint8Array) => Promise<string | undefined>;

/** What anonymisation cleans beside the complaint item (app/anonymise-complaint.ts), each call idempotent. */
export interface PersonalDataStore {
  /** Deletes the copies of mail sent to the customer (domain/sent-mail.ts); how many there were. */
  deleteSentMail(complaintId: string): Promise<number>;
  /** Overwrites stored audit events with these versions of them (same complaint and event ids). */
  replaceEvents(events: readonly ComplaintEvent[]): Promise<void>;
  /** Rewrites the queue rows of the complaint's assists from the complaint as it is now. */
  refreshAssistRows(complaint: Complaint): Promise<void>;
}

/** The evidence bucket's objects of one complaint. */
export interface EvidenceFiles {
  /** Deletes the objects of these attachments (those already gone included); how many were named. */
  deleteAll(complaintId: string, attachmentIds: readonly string[]): Promise<number>;
}

/** Complaints due for anonymisation (domain/retention.ts), by a keyed query of the sparse index. */
export interface RetentionIndex {
  /** Ids of complaints whose retention period began at or before `cutoff`, earliest first, at most `limit`. */
  due(cutoff: Date, limit: number): Promise<string[]>;
}

/** A page of the corrective actions list (domain/corrective-actions.ts): one Query of one list. */
export interface CorrectiveActionPageQuery {
  /** A department's list, or undefined for all departments. */
  department: string | undefined;
  state: 'open' | 'done';
  /** Only this status (open or in-progress) within the open list. */
  status?: CorrectiveActionStatus | undefined;
  limit: number;
  /** Continue after this position (`next` of the previous page). */
  after?: string | undefined;
}

export interface CorrectiveActionList {
  page(query: CorrectiveActionPageQuery): Promise<{ rows: CorrectiveActionRow[]; next: string | undefined }>;
}

/** The read audit (domain/access-log.ts): one PutItem per read; a case's records newest first. */
export interface AccessLog {
  record(record: AccessRecord): Promise<void>;
  ofCase(
    complaintId: string,
    page: { limit: number; after?: string | undefined },
  ): Promise<{ records: AccessRecord[]; next: string | undefined }>;
}
