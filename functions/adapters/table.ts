/**
 * What a queue row shows, projected into the queue indexes. `customer` includes contact details, which
 * queue rows mask (domain/staff-view.ts); the complaint text stays out.
 */
const QUEUE_ATTRIBUTES = [
  'id',
  'reference',
  'status',
  'subject',
  'category',
  'department',
  'severity',
  'urgency',
  'priority',
  'assignee',
  'submittedAt',
  'customer',
  'escalationLevel',
  'nextDueAt',
  // Not `version`: it changes with every save, and each change of a projected attribute rewrites the
  // complaint's row in all three queue indexes (≈550 writes/s on `all#open` at 1 M complaints/day).
  // "Contact by phone" in the queue (domain/mail-events.ts).
  'contactProblem',
];

/** What a row of the complaints CSV export shows (domain/complaint-export.ts), projected into its index. */
const EXPORT_ATTRIBUTES = [
  'id',
  'reference',
  'status',
  'channel',
  'subject',
  'category',
  'department',
  'severity',
  'urgency',
  'priority',
  'tier',
  'escalationLevel',
  'sla',
  'followUp',
  'relatedComplaints',
  'reopenCount',
];

/**
 * The single DynamoDB table: key schema and item keys. The CDK stack and the local runtime both
 * build the table from this declaration.
 */
export const TABLE_SCHEMA = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds after which DynamoDB may delete the item (idempotency records). */
  timeToLiveAttribute: 'expiresAt',
  /** Sparse global secondary indexes (string keys); items without the key attributes stay out. */
  globalSecondaryIndexes: [
    {
      /** A customer's complaints by submission time: repeat detection. */
      indexName: 'byCustomer',
      partitionKey: 'customerKey',
      sortKey: 'submittedAt',
      projectedAttributes: ['id', 'reference', 'category'],
    },
    // Work queues, sorted by the next due time (`queueDueAt` = "<ISO instant>#<id>"; finished work by
    // when it finished, which no later save moves). The partition keys end in "#open" or "#done", so
    // open work never pages through finished cases. Named "…ByDue" since they stopped projecting
    // `version`: DynamoDB cannot change an index's projection in place, so these are new indexes
    // beside the old `queueAll`, `queueByDepartment`, `queueByAssignee` (README, "Deploying").
    {
      /** Every complaint: the managers' queue. */
      indexName: 'queueAllByDue',
      partitionKey: 'queueAll',
      sortKey: 'queueDueAt',
      projectedAttributes: QUEUE_ATTRIBUTES,
    },
    {
      /** A department's complaints. */
      indexName: 'queueDepartmentByDue',
      partitionKey: 'queueDepartment',
      sortKey: 'queueDueAt',
      projectedAttributes: QUEUE_ATTRIBUTES,
    },
    {
      /** One person's complaints. */
      indexName: 'queueAssigneeByDue',
      partitionKey: 'queueAssignee',
      sortKey: 'queueDueAt',
      projectedAttributes: QUEUE_ATTRIBUTES,
    },
    {
      /**
       * Every complaint by submission time (sort=submitted); a department's or a person's listing
       * filters it. One index, projecting only what the filters read (rows are read from the table
       * after): DynamoDB allows 100 projected attributes summed over a table's indexes, and the
       * queue indexes above use most of them. Keyed on attributes every complaint already has.
       */
      indexName: 'queueAllBySubmission',
      partitionKey: 'queueAll',
      sortKey: 'submittedAt',
      projectedAttributes: [
        'id',
        'status',
        'department',
        'severity',
        'priority',
        'assignee',
        'escalationLevel',
        'nextDueAt',
        'reference',
      ],
    },
    {
      /**
       * A customer's complaints by phone number (staff search): `customerPhoneKey` is a hash of the
       * normalised number (domain/contact-keys.ts), set at intake; complaints stored before it
       * existed lack it and are not found by phone.
       */
      indexName: 'byCustomerPhone',
      partitionKey: 'customerPhoneKey',
      sortKey: 'submittedAt',
      projectedAttributes: ['id'],
    },
    {
      /**
       * Complaints by submission time, one partition per UTC day (`submittedDay` = "YYYY-MM-DD"):
       * the CSV export Queries the days of a date range in order. Projects what a report row shows,
       * never the customer's contact details or the complaint text beyond its subject. A day, not a
       * month (the earlier `bySubmissionMonth`): every save of any complaint of a month rewrote its
       * row in the one month partition, ≈400 writes/s at 1 M complaints/day.
       */
      indexName: 'bySubmissionDay',
      partitionKey: 'submittedDay',
      sortKey: 'submittedAt',
      projectedAttributes: EXPORT_ATTRIBUTES,
    },
    {
      /**
       * Complaints whose workflow may need a re-drive, by when to check (domain/lifecycle-watch.ts):
       * the reconciler Queries what is due instead of scanning, every shard (`watch#<shard>`) at once.
       * Sparse: healthy finished work is absent.
       */
      indexName: 'byLifecycleWatch',
      partitionKey: 'lifecycleWatch',
      sortKey: 'lifecycleWatchAt',
      projectedAttributes: ['id'],
    },
    {
      /**
       * Finished complaints by when their retention period began (domain/retention.ts): the retention
       * job Queries those past the period instead of scanning. Sparse: open complaints, complaints under
       * a legal hold and anonymised ones are absent.
       */
      indexName: 'byRetention',
      partitionKey: 'retentionDue',
      sortKey: 'retentionFrom',
      projectedAttributes: ['id'],
    },
  ],
} as const;

export type IndexName = (typeof TABLE_SCHEMA.globalSecondaryIndexes)[number]['indexName'];

/**
 * Indexes whose partition values are split into shards by complaint (domain/key-shards.ts): writers
 * put "<partition>#<shard>", readers Query every shard and merge. The capacity bench reads this list.
 */
export const SHARDED_INDEXES: readonly IndexName[] = ['byLifecycleWatch'];

export const COMPLAINT_SORT_KEY = 'META';

/** The partition of the policy's versions and its active pointer (itemKeys.policyActive). */
export const POLICY_PARTITION = 'POLICY';

export const itemKeys = {
  complaint: (id: string) => ({ pk: `COMPLAINT#${id}`, sk: COMPLAINT_SORT_KEY }),
  event: (complaintId: string, eventId: string) => ({
    pk: `COMPLAINT#${complaintId}`,
    sk: `EVENT#${eventId}`,
  }),
  eventPrefix: (complaintId: string) => ({ pk: `COMPLAINT#${complaintId}`, skPrefix: 'EVENT#' }),
  /** A mail as the customer received it (domain/sent-mail.ts), beside the complaint's events. */
  sentMail: (complaintId: string, mailId: string) => ({
    pk: `COMPLAINT#${complaintId}`,
    sk: `MAIL#${mailId}`,
  }),
  sentMailPrefix: (complaintId: string) => ({ pk: `COMPLAINT#${complaintId}`, skPrefix: 'MAIL#' }),
  /** An assist's row in its department's queue (domain/queue.ts, assistQueueItems), beside the complaint. */
  assist: (complaintId: string, assistId: string) => ({
    pk: `COMPLAINT#${complaintId}`,
    sk: `${ASSIST_SORT_KEY_PREFIX}${assistId}`,
  }),
  reference: (reference: string) => ({ pk: `REFERENCE#${reference}`, sk: 'REFERENCE' }),
  idempotency: (key: string) => ({ pk: `IDEMPOTENCY#${key}`, sk: 'IDEMPOTENCY' }),
  /**
   * KPI counters of one group on one day (submission day), and the group's "now" gauges, in one of
   * the dimension's shards (domain/kpi-shards.ts): readers Query every shard's partition and sum.
   */
  kpiPartition: (dimension: string, shard: number) => `KPI#${dimension}#${shard}`,
  kpiDay: (dimension: string, day: string, value: string, shard: number) => ({
    pk: itemKeys.kpiPartition(dimension, shard),
    sk: `DAY#${day}#${value}`,
  }),
  kpiNow: (dimension: string, value: string, shard: number) => ({
    pk: itemKeys.kpiPartition(dimension, shard),
    sk: `NOW#${value}`,
  }),
  /** The delivery record of one outbox entry: claimed before it is sent, its message ids after. */
  delivery: (outboxId: string) => ({ pk: `DELIVERY#${outboxId}`, sk: 'DELIVERY' }),
  /** A party's count of new complaints in one hour (domain/limits.ts); expires after it. */
  limitCounter: (party: string, windowStart: string) => ({ pk: `LIMIT#${party}`, sk: `HOUR#${windowStart}` }),
  /** A proof-of-work challenge already used (domain/proof-of-work.ts), by its signature; expires after it. */
  spentChallenge: (signature: string) => ({ pk: `CHALLENGE#${signature}`, sk: 'SPENT' }),
  /** A received mail (by a hash of its Message-ID): claimed while it is handled, so it is handled once. */
  inboundMail: (messageKey: string) => ({ pk: `INBOUND#${messageKey}`, sk: 'INBOUND' }),
  /**
   * Surge counters (domain/surge.ts): complaints about one product or category in one 10-minute
   * bucket, written with the KPI counters; and the subject's surge state (active until, incident).
   * Kept here with the KPI keys so sharding the counters changes one module.
   */
  surgeBucket: (dimension: string, value: string, bucket: string) => ({
    pk: `SURGE#${dimension}#${value}`,
    sk: `BUCKET#${bucket}`,
  }),
  surgeBucketPrefix: (dimension: string, value: string) => ({
    pk: `SURGE#${dimension}#${value}`,
    skPrefix: 'BUCKET#',
  }),
  surgeState: (dimension: string, value: string) => ({ pk: `SURGE#${dimension}#${value}`, sk: 'STATE' }),
  /**
   * Incidents, all in one partition sorted by their time-ordered id: a handful a month, listed newest
   * first by one Query (domain/incident.ts).
   */
  incident: (id: string) => ({ pk: 'INCIDENTS', sk: `INCIDENT#${id}` }),
  incidentPrefix: () => ({ pk: 'INCIDENTS', skPrefix: 'INCIDENT#' }),
  /**
   * Reply templates (domain/reply-templates.ts), all in one partition: tens, at most a few hundred,
   * listed by one Query of the current ones. Each replaced version is kept beside them under its own
   * prefix, so the listing never reads the history.
   */
  template: (id: string) => ({ pk: 'TEMPLATES', sk: `TEMPLATE#${id}` }),
  templatePrefix: () => ({ pk: 'TEMPLATES', skPrefix: 'TEMPLATE#' }),
  templateVersion: (id: string, version: number) => ({
    pk: 'TEMPLATES',
    sk: `VERSION#${id}#${String(version).padStart(6, '0')}`,
  }),
  /**
   * The complaint policy (domain/policy-versions.ts), one partition: each version once, immutable, with
   * its whole document; and the pointer to the active one, which every function reads (one GetItem,
   * at most every POLICY_REFRESH_SECONDS). Policy readers may GetItem this partition only (IAM
   * LeadingKeys, infra/constructs/function-access.ts).
   */
  policyActive: () => ({ pk: POLICY_PARTITION, sk: 'ACTIVE' }),
  policyVersion: (version: number) => ({
    pk: POLICY_PARTITION,
    sk: `VERSION#${String(version).padStart(6, '0')}`,
  }),
  policyVersionPrefix: () => ({ pk: POLICY_PARTITION, skPrefix: 'VERSION#' }),
  /**
   * Audit of administration outside complaints (domain/audit-event.ts AdminEvent), by time-ordered id.
   * Not `EVENT#`: the complaint stream consumers filter on that prefix.
   */
  adminEvent: (eventId: string) => ({ pk: 'ADMIN_AUDIT', sk: `AT#${eventId}` }),
  /**
   * The corrective actions list (domain/corrective-actions.ts): one partition per department and one
   * for all departments, each split open/done, sorted by due date (done: by when finished). Written
   * with the complaint's save, so listing is a Query of one partition.
   */
  correctiveAction: (list: string, state: 'open' | 'done', sortKey: string, complaintId: string) => ({
    pk: correctiveActionPartition(list, state),
    sk: `${sortKey}#${complaintId}`,
  }),
  /**
   * A staff read of a case (domain/access-log.ts), beside the complaint so its access log is one Query,
   * newest first by time-ordered id; exports, which span many cases, in a partition of their own.
   */
  caseAccess: (complaintId: string, at: string, id: string) => ({
    pk: `COMPLAINT#${complaintId}`,
    sk: `${ACCESS_SORT_KEY_PREFIX}${at}#${id}`,
  }),
  exportAccess: (at: string, id: string) => ({ pk: 'ACCESS#EXPORTS', sk: `${at}#${id}` }),
  /** Marks an audit event as counted, so a redelivered stream record counts once. */
  kpiCounted: (eventId: string) => ({ pk: `COUNTED#${eventId}`, sk: 'COUNTED' }),
  /**
   * Data-subject requests (domain/data-subject-request.ts), all in one partition sorted by their
   * time-ordered id: a few a month, listed newest first by one Query; each one's audit trail in a
   * partition of its own (never under EVENT#, which the complaint consumers read).
   */
  dataRequest: (id: string) => ({ pk: 'DATA_REQUESTS', sk: `${DATA_REQUEST_SORT_KEY_PREFIX}${id}` }),
  dataRequestPrefix: () => ({ pk: 'DATA_REQUESTS', skPrefix: DATA_REQUEST_SORT_KEY_PREFIX }),
  dataRequestEvent: (id: string, eventId: string) => ({ pk: `DATA_REQUEST#${id}`, sk: `AUDIT#${eventId}` }),
  dataRequestEventPrefix: (id: string) => ({ pk: `DATA_REQUEST#${id}`, skPrefix: 'AUDIT#' }),
};

/** Queue rows of assists (see itemKeys.assist). */
export const ASSIST_SORT_KEY_PREFIX = 'ASSIST#';

/** Stream records whose key starts with this are audit events (one INSERT per event). */
export const EVENT_SORT_KEY_PREFIX = 'EVENT#';

/** Stream records whose key starts with this are data-subject requests (one INSERT when confirmed). */
export const DATA_REQUEST_SORT_KEY_PREFIX = 'DATA_REQUEST#';

/** The all-departments corrective actions list (see itemKeys.correctiveAction); others are department ids. */
export const ALL_DEPARTMENTS_LIST = '*';

export const correctiveActionPartition = (list: string, state: 'open' | 'done'): string =>
  `CORRECTIVE#${list}#${state}`;

/** Access records of a case (see itemKeys.caseAccess). */
export const ACCESS_SORT_KEY_PREFIX = 'ACCESS#';
