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
  ],
} as const;

export type IndexName = (typeof TABLE_SCHEMA.globalSecondaryIndexes)[number]['indexName'];

export const COMPLAINT_SORT_KEY = 'META';

export const itemKeys = {
  complaint: (id: string) => ({ pk: `COMPLAINT#${id}`, sk: COMPLAINT_SORT_KEY }),
  event: (complaintId: string, eventId: string) => ({
    pk: `COMPLAINT#${complaintId}`,
    sk: `EVENT#${eventId}`,
  }),
  eventPrefix: (complaintId: string) => ({ pk: `COMPLAINT#${complaintId}`, skPrefix: 'EVENT#' }),
  reference: (reference: string) => ({ pk: `REFERENCE#${reference}`, sk: 'REFERENCE' }),
  idempotency: (key: string) => ({ pk: `IDEMPOTENCY#${key}`, sk: 'IDEMPOTENCY' }),
};
