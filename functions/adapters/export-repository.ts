import type { ExportPosition, ExportRange, ExportedComplaint } from '../domain/complaint-export.ts';
import { itemKeys, type IndexName } from './table.ts';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './dynamodb.ts';
import { requireSetting } from './config.ts';

const INDEX: IndexName = 'bySubmissionDay';

/**
 * Up to `limit` complaints submitted within `range`, oldest first, starting at `position`: a Query
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
  while (dayIndex >= 0 && dayIndex < range.days.length) {
    const day = range.days[dayIndex]!;
    let startKey: Record<string, unknown> | undefined = after && {
      ...itemKeys.complaint(after.id),
      submittedDay: day,
      submittedAt: after.submittedAt,
    };
    do {
      // One row more than the page needs tells whether this day has more after the page.
      const page = await documentClient.send(
        new QueryCommand({
          TableName: requireSetting('TABLE_NAME'),
          IndexName: INDEX,
          KeyConditionExpression: 'submittedDay = :day AND submittedAt BETWEEN :first AND :last',
          ExpressionAttributeValues: { ':day': day, ':first': range.first, ':last': range.last },
          ExclusiveStartKey: startKey,
          Limit: limit - complaints.length + 1,
        }),
      );

      for (const item of page.Items ?? []) {
        if (complaints.length === limit) {
          const last = complaints.at(-1)!;
          return { complaints, next: { day, after: { submittedAt: last.submittedAt, id: last.id } } };
        }
        complaints.push(toExported(item));
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    dayIndex += 1;
    after = undefined;
    if (complaints.length === limit) {
      const nextDay = range.days[dayIndex];
      return { complaints, next: nextDay === undefined ? undefined : { day: nextDay } };
    }
  }
  return { complaints, next: undefined };
};

const toExported = (item: Record<string, unknown>): ExportedComplaint => {
  const { pk: _pk, sk: _sk, submittedDay: _day, escalationLevel: _level, ...complaint } = item;
  return complaint as unknown as ExportedComplaint;
};
