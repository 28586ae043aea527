import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { IncidentStore } from '../app/ports.ts';
import type { Incident } from '../domain/incident.ts';
import { isAwsError } from './aws-errors.ts';
import { requireSetting } from './config.ts';
import { documentClient } from './dynamodb.ts';
import { itemKeys } from './table.ts';

const tableName = () => requireSetting('TABLE_NAME');

/** The stored item of an incident: its keys beside its fields. */
export const incidentItem = (incident: Incident): Record<string, unknown> => ({
  ...itemKeys.incident(incident.id),
  entity: 'incident',
  ...incident,
});

const fromItem = (item: Record<string, unknown>): Incident => {
  const { pk: _pk, sk: _sk, entity: _entity, ...incident } = item;
  return incident as unknown as Incident;
};

/** Incidents in the complaints table, one partition (table.ts `incident`). */
export const incidentStore: IncidentStore = {
  create: async (incident) => {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        Item: incidentItem(incident),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },
  get: async (id) => {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: tableName(), Key: itemKeys.incident(id), ConsistentRead: true }),
    );
    return Item ? fromItem(Item) : undefined;
  },
  list: async (limit) => {
    const { pk, skPrefix } = itemKeys.incidentPrefix();
    const { Items } = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (Items ?? []).map(fromItem);
  },
  save: async (incident, changes, now) => {
    const fields = { ...changes, updatedAt: now.toISOString(), version: incident.version + 1 };
    const names: Record<string, string> = { '#version': 'version' };
    const values: Record<string, unknown> = { ':expected': incident.version };
    // Undefined optional fields are left as they are (the document client would drop their values).
    const defined = Object.entries(fields).filter(([, value]) => value !== undefined);
    const sets = defined.map(([name, value], index) => {
      names[`#f${index}`] = name;
      values[`:f${index}`] = value;
      return `#f${index} = :f${index}`;
    });
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName(),
          Key: itemKeys.incident(incident.id),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return 'saved';
    } catch (error) {
      if (isAwsError(error, 'ConditionalCheckFailedException')) return 'conflict';
      throw error;
    }
  },
  forgetMessage: async (id, messageId) => {
    await documentClient
      .send(
        new UpdateCommand({
          TableName: tableName(),
          Key: itemKeys.incident(id),
          UpdateExpression: 'REMOVE outbox.#message',
          ConditionExpression: 'attribute_exists(outbox.#message)',
          ExpressionAttributeNames: { '#message': messageId },
        }),
      )
      .catch((error: unknown) => {
        // Already forgotten by another attempt.
        if (!isAwsError(error, 'ConditionalCheckFailedException')) throw error;
      });
  },
};
