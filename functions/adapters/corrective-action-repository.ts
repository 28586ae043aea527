import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CorrectiveActionList, CorrectiveActionPageQuery } from '../app/ports.ts';
import type { CorrectiveActionRow } from '../domain/corrective-actions.ts';
import { documentClient } from './dynamodb.ts';
import { requireSetting } from './config.ts';
import { ALL_DEPARTMENTS_LIST, correctiveActionPartition } from './table.ts';

/**
 * A page of one corrective actions list: a Query of its partition (rows written with the complaint's
 * save, complaint-repository.ts), in sort-key order (due date; done ones by when finished). A status
 * within the open list (open or in-progress) is a filter on that partition; the page may then come
 * back short, with `next` to go on from.
 */
const page = async (
  query: CorrectiveActionPageQuery,
): Promise<{ rows: CorrectiveActionRow[]; next: string | undefined }> => {
  const pk = correctiveActionPartition(query.department ?? ALL_DEPARTMENTS_LIST, query.state);
  const result = await documentClient.send(
    new QueryCommand({
      TableName: requireSetting('TABLE_NAME'),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk, ...(query.status ? { ':status': query.status } : {}) },
      ...(query.status
        ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } }
        : {}),
      ExclusiveStartKey: query.after === undefined ? undefined : { pk, sk: query.after },
      Limit: query.limit,
    }),
  );
  const rows = (result.Items ?? []).map((item) => {
    const { pk: _pk, sk: _sk, entity: _entity, ...row } = item;
    return row as CorrectiveActionRow;
  });
  const next: unknown = result.LastEvaluatedKey?.['sk'];
  return { rows, next: typeof next === 'string' ? next : undefined };
};

export const correctiveActionList: CorrectiveActionList = { page };
