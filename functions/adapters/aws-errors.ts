import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

/** One item of a DynamoDB transaction, as the document client takes it. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Recognising AWS SDK errors by name (`error.name` is the service's error code), which holds across
 * copies of a client package and for errors built in tests.
 */
export const isAwsError = (error: unknown, ...names: string[]): boolean =>
  error instanceof Error && names.includes(error.name);

/** The reason code of each item of a cancelled transaction, in the order of its TransactItems. */
const cancellationCodes = (error: unknown): (string | undefined)[] =>
  isAwsError(error, 'TransactionCanceledException')
    ? ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map(
        (reason) => reason.Code,
      )
    : [];

/**
 * A transaction whose items are named by their role in it: the reason a cancelled transaction gives
 * for each item is read back by role, never by position.
 */
export const namedItems = <Role extends string>(items: Partial<Record<Role, TransactItem | undefined>>) => {
  const present: [Role, TransactItem][] = [];
  for (const role of Object.keys(items) as Role[]) {
    const item = items[role];
    if (item !== undefined) present.push([role, item]);
  }
  const roles = present.map(([role]) => role);
  return {
    items: present.map(([, item]) => item),
    /** The cancellation reason code of `role`'s item, when `error` cancelled this transaction. */
    reason: (error: unknown, role: Role): string | undefined => {
      const index = roles.indexOf(role);
      return index === -1 ? undefined : cancellationCodes(error)[index];
    },
  };
};

/** Another transaction was changing one of the same items at the same time; nothing was written. */
export const isTransactionConflict = (error: unknown): boolean =>
  isAwsError(error, 'TransactionConflictException') ||
  cancellationCodes(error).includes('TransactionConflict');
