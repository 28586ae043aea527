import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AccessLog } from '../app/ports.ts';
import type { AccessRecord } from '../domain/access-log.ts';
import { documentClient } from './dynamodb.ts';
import { requireSetting } from './config.ts';
import { ACCESS_SORT_KEY_PREFIX, itemKeys } from './table.ts';

/** One PutItem, no transaction: a read must stay cheap; it is refused if this fails (domain/access-log.ts). */
const record = async (entry: AccessRecord): Promise<void> => {
  const keys = entry.complaintId
    ? itemKeys.caseAccess(entry.complaintId, entry.at, entry.id)
    : itemKeys.exportAccess(entry.at, entry.id);
  await documentClient.send(
    new PutCommand({
      TableName: requireSetting('TABLE_NAME'),
      Item: { ...keys, entity: 'access', ...entry },
    }),
  );
};

/** A case's access records, newest first: a Query of its partition's ACCESS# rows. */
const ofCase: AccessLog['ofCase'] = async (complaintId, page) => {
  const pk = `COMPLAINT#${complaintId}`;
  const result = await documentClient.send(
    new QueryCommand({
      TableName: requireSetting('TABLE_NAME'),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': ACCESS_SORT_KEY_PREFIX },
      ScanIndexForward: false,
      Limit: page.limit,
      ExclusiveStartKey: page.after === undefined ? undefined : { pk, sk: page.after },
    }),
  );
  const records = (result.Items ?? []).map((item) => {
    const { pk: _pk, sk: _sk, entity: _entity, ...rest } = item;
    return rest as AccessRecord;
  });
  const next: unknown = result.LastEvaluatedKey?.['sk'];
  return { records, next: typeof next === 'string' ? next : undefined };
};

/** The newest export records (tests and audits; exports are rare). */
export const recentExports = async (limit: number): Promise<AccessRecord[]> => {
  const result = await documentClient.send(
    new QueryCommand({
      TableName: requireSetting('TABLE_NAME'),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': itemKeys.exportAccess('', '').pk },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((item) => {
    const { pk: _pk, sk: _sk, entity: _entity, ...rest } = item;
    return rest as AccessRecord;
  });
};

export const accessLog: AccessLog = { record, ofCase };
