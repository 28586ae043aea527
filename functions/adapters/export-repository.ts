import type { ExportPosition, ExportRange, ExportedComplaint } from '../domain/complaint-export.ts';
import { itemKeys, type IndexName } from './table.ts';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './dynamodb.ts';
import { requireSetting } from './config.ts';
import pLimit from 'p-limit';
import { readComplaintItems } from './complaint-batch.ts';

const INDEX: IndexName = 'bySubmissionDay';

/**
 * Empty days are Queried this many at once at most: a range of two years holds 731 day partitions,
 * most of them empty on a quiet system, which one after another would take longer than the API's
 * 30 s. The width doubles while the days come back empty and falls back to one on a day with rows,
 * so a busy range is read day after day without reading ahead rows it does not return.
 */
const MAX_DAYS_AT_ONCE = 32;

const queryDay = (
  range: ExportRange,
  day: string,
  startKey: Record<string, unknown> | undefined,
  limit: number,
) =>
  documentClient.send(
    new QueryCommand({
      TableName: requireSetting('TABLE_NAME'),
      IndexName: INDEX,
      KeyConditionExpression: 'submittedDay = :day AND submittedAt BETWEEN :first AND :last',
      ExpressionAttributeValues: { ':day': day, ':first': range.first, ':last': range.last },
      ExclusiveStartKey: startKey,
      Limit: limit,
    }),
  );

/**
 * Up to `limit` complaints submitted within `range`, oldest first, starting at `position`: Queries
 * of the submission-time index, day partition after day partition (never a Scan). Answers where
 * the next page starts, or `undefined` once the range is exhausted.
 */
export const readSubmittedComplaints = async (
  range: ExportRange,
  position: ExportPosition,
  limit: number,
): Promise<{ complaints: ExportedComplaint[]; next: ExportPosition | undefined }> => {
  const complaints: ExportedComplaint[] = [];
  let dayIndex = range.days.indexOf(position.day);
  let after = position.after;
  let width = 1;
  while (dayIndex >= 0 && dayIndex < range.days.length) {
    const days = range.days.slice(dayIndex, dayIndex + width);
    // One row more than the page needs tells whether a day has more after the page.
    const firstPages = await Promise.all(
      days.map((day, index) =>
        queryDay(
          range,
          day,
          index === 0 && after
            ? { ...itemKeys.complaint(after.id), submittedDay: day, submittedAt: after.submittedAt }
            : undefined,
          limit - complaints.length + 1,
        ),
      ),
    );
    let allEmpty = true;
    for (const [index, day] of days.entries()) {
      let page = firstPages[index]!;
      for (;;) {
        for (const item of page.Items ?? []) {
          allEmpty = false;
          if (complaints.length === limit) {
            const last = complaints.at(-1)!;
            return {
              complaints: await withResolutions(complaints),
              next: { day, after: { submittedAt: last.submittedAt, id: last.id } },
            };
          }
          complaints.push(toExported(item));
        }
        if (!page.LastEvaluatedKey) break;
        page = await queryDay(range, day, page.LastEvaluatedKey, limit - complaints.length + 1);
      }
      dayIndex += 1;
      after = undefined;
      if (complaints.length === limit) {
        const nextDay = range.days[dayIndex];
        return {
          complaints: await withResolutions(complaints),
          next: nextDay === undefined ? undefined : { day: nextDay },
        };
      }
    }
    width = allEmpty ? Math.min(width * 2, MAX_DAYS_AT_ONCE) : 1;
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
  const { pk: _pk, sk: _sk, submittedDay: _day, escalationLevel: _level, ...complaint } = item;
  return complaint as unknown as ExportedComplaint;
};
