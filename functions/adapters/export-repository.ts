import type { ExportPosition, ExportRange, ExportedComplaint } from '../domain/complaint-export.ts';
import { itemKeys, type IndexName } from './table.ts';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './dynamodb.ts';
import { requireSetting } from './config.ts';

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
          return { complaints, next: { month, after: { submittedAt: last.submittedAt, id: last.id } } };
        }
        complaints.push(toExported(item));
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    monthIndex += 1;
    after = undefined;
    if (complaints.length === limit) {
      const nextMonth = range.months[monthIndex];
      return { complaints, next: nextMonth === undefined ? undefined : { month: nextMonth } };
    }
  }
  return { complaints, next: undefined };
};

const toExported = (item: Record<string, unknown>): ExportedComplaint => {
  const { pk: _pk, sk: _sk, submittedMonth: _month, escalationLevel: _level, ...complaint } = item;
  return complaint as unknown as ExportedComplaint;
};
