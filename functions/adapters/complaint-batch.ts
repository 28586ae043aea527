import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { requireSetting } from './config.ts';
import { documentClient } from './dynamodb.ts';
import { itemKeys } from './table.ts';

/** BatchGetItem reads at most 100 keys: reading more at once is a bug of the caller. */
const MAX_KEYS = 100;

/**
 * The complaints with these ids (the first 100 distinct ones), only `attributes` (names or paths into
 * maps, "resolution.rootCause") of each, those that
 * exist, in no particular order. Unprocessed keys (throttling) are read again; a handful of rounds is
 * plenty for at most 100 small items.
 */
export const readComplaintItems = async <T>(
  ids: readonly string[],
  attributes: readonly string[],
): Promise<T[]> => {
  const unique = [...new Set(ids)].slice(0, MAX_KEYS);
  if (unique.length === 0) return [];
  const TableName = requireSetting('TABLE_NAME');
  // An attribute may be a path into a map ("resolution.rootCause"): each part gets its own name.
  const paths = attributes.map((attribute, index) =>
    attribute.split('.').map((part, depth): [string, string] => [`#a${index}_${depth}`, part]),
  );
  const names: Record<string, string> = Object.fromEntries(paths.flat());
  const found: T[] = [];
  let keys: Record<string, unknown>[] | undefined = unique.map((id) => itemKeys.complaint(id));
  for (let round = 0; keys && keys.length > 0 && round < 5; round += 1) {
    const page: BatchGetCommandOutput = await documentClient.send(
      new BatchGetCommand({
        RequestItems: {
          [TableName]: {
            Keys: keys,
            ProjectionExpression: paths.map((parts) => parts.map(([name]) => name).join('.')).join(', '),
            ExpressionAttributeNames: names,
          },
        },
      }),
    );
    found.push(...((page.Responses?.[TableName] ?? []) as T[]));
    keys = page.UnprocessedKeys?.[TableName]?.Keys;
  }
  return found;
};
