import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ReplyTemplateStore } from '../app/ports.ts';
import type { ReplyTemplate } from '../domain/reply-templates.ts';
import { isAwsError } from './aws-errors.ts';
import { requireSetting } from './config.ts';
import { documentClient } from './dynamodb.ts';
import { itemKeys } from './table.ts';

const tableName = () => requireSetting('TABLE_NAME');

const fromItem = (item: Record<string, unknown>): ReplyTemplate => {
  const { pk: _pk, sk: _sk, entity: _entity, ...template } = item;
  return template as unknown as ReplyTemplate;
};

/** Reply templates in the complaints table, one partition (table.ts `template`). */
export const replyTemplateStore: ReplyTemplateStore = {
  create: async (template) => {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...itemKeys.template(template.id), entity: 'reply-template', ...template },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },
  get: async (id) => {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: tableName(), Key: itemKeys.template(id), ConsistentRead: true }),
    );
    return Item ? fromItem(Item) : undefined;
  },
  list: async (limit) => {
    const { pk, skPrefix } = itemKeys.templatePrefix();
    const { Items } = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        Limit: limit,
      }),
    );
    return (Items ?? []).map(fromItem);
  },
  replace: async (previous, next) => {
    try {
      await documentClient.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName(),
                Item: { ...itemKeys.template(next.id), entity: 'reply-template', ...next },
                ConditionExpression: '#version = :expected',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': previous.version },
              },
            },
            {
              // The replaced version as it was; a version is written once.
              Put: {
                TableName: tableName(),
                Item: {
                  ...itemKeys.templateVersion(previous.id, previous.version),
                  entity: 'reply-template-version',
                  ...previous,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return 'saved';
    } catch (error) {
      if (isAwsError(error, 'TransactionCanceledException', 'ConditionalCheckFailedException'))
        return 'conflict';
      throw error;
    }
  },
};
