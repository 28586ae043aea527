import type { ExportPosition, ExportRange, ExportedComplaint } from '../domain/complaint-export.ts';
import { itemKeys, type IndexName } from './table.ts';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './dynamodb.ts';
import { requireSetting } from './config.ts';
import pLimit from 'p-limit';
import { readComplaintItems } from './complaint-batch.ts';

const INDEX: IndexName = 'bySubmissionMonth';

/**
 * Up to `limit` complaints submitted within `range`, oldest first, starting at `position`: a Query
 * of the submission-time index, month partition after month partition (never a Scan). Answers where
 * the next page starts, or `undefined` once the range is exhausted.
 */
export const readSubmittedComplaints = async (
  range: ExportRange,
  position: ExportPosition,
  limit: number,
): Promise<{ complaints: ExportedComplaint[]; next: ExportPosition | undefined }> => {
  const complaints: ExportedComplaint[] = [];
  let monthIndex = range.months.indexOf(position.month);
  let after = position.after;
  while (monthIndex >= 0 && monthIndex < range.months.length) {
    const month = range.months[monthIndex]!;
    let startKey: Record<string, unknown> | undefined = after && {
      ...itemKeys.complaint(after.id),
      submittedMonth: month,
      submittedAt: after.submittedAt,
    };
    do {
      // One row more than the page needs tells whether this month has more after the page.
      const page = await documentClient.send(
        new QueryCommand({
          TableName: requireSetting('TABLE_NAME'),
          IndexName: INDEX,
          KeyConditionExpression: 'submittedMonth = :month AND submittedAt BETWEEN :first AND :last',
          ExpressionAttributeValues: { ':month': month, ':first': range.first, ':last': range.last },
          ExclusiveStartKey: startKey,
          Limit: limit - complaints.length + 1,
        }),
      );

      for (const item of page.Items ?? []) {
        if (complaints.length === limit) {
          const last = complaints.at(-1)!;
          return {
            complaints: await withResolutions(complaints),
            next: { month, after: { submittedAt: last.submittedAt, id: last.id } },
          };
        }
        complaints.push(toExported(item));
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    monthIndex += 1;
    after = undefined;
    if (complaints.length === limit) {
      const nextMonth = range.months[monthIndex];
      return {
        complaints: await withResolutions(complaints),
        next: nextMonth === undefined ? undefined : { month: nextMonth },
      };
    }
  }
  return { complaints: await withResolutions(complaints), next: undefined };
};

/**
 * What the index does not project: the root cause and the corrective action, read from the complaint
 * items by BatchGetItem (100 a call, a few calls at once), only those attributes. Not a new index
 * projecting them: DynamoDB cannot change an index's projection in place (a new index, a backfill and
 * a second deploy to drop the old one), `resolution` holds free text the index must not copy, and an
 * export is rare where complaint writes are constant — so the export pays, at its own read time.
 */
const RESOLUTION_ATTRIBUTES = [
  'id',
  'resolution.rootCause',
  'correctiveAction.description',
  'correctiveAction.ownerName',
  'correctiveAction.dueDate',
  'correctiveAction.status',
];
const BATCH_KEYS = 100;
const BATCHES_AT_ONCE = 4;

const withResolutions = async (complaints: ExportedComplaint[]): Promise<ExportedComplaint[]> => {
  // Only complaints resolved at least once have either (a reopened one keeps its earlier resolution).
  const resolved = complaints.filter(
    (complaint) => RESOLVED_STATUSES.has(complaint.status) || (complaint.reopenCount ?? 0) > 0,
  );
  const limit = pLimit(BATCHES_AT_ONCE);
  const batches: string[][] = [];
  for (let start = 0; start < resolved.length; start += BATCH_KEYS)
    batches.push(resolved.slice(start, start + BATCH_KEYS).map((complaint) => complaint.id));
  const read = await Promise.all(
    batches.map((ids) =>
      limit(() =>
        readComplaintItems<Pick<ExportedComplaint, 'id' | 'resolution' | 'correctiveAction'>>(
          ids,
          RESOLUTION_ATTRIBUTES,
        ),
      ),
    ),
  );
  const byId = new Map(read.flat().map((item) => [item.id, item]));
  return complaints.map((complaint) => {
    const found = byId.get(complaint.id);
    return found
      ? { ...complaint, resolution: found.resolution, correctiveAction: found.correctiveAction }
      : complaint;
  });
};

const RESOLVED_STATUSES = new Set(['resolved', 'closed']);

const toExported = (item: Record<string, unknown>): ExportedComplaint => {
  const { pk: _pk, sk: _sk, submittedMonth: _month, escalationLevel: _level, ...complaint } = item;
  return complaint as unknown as ExportedComplaint;
};
