/** One reason per item of a cancelled DynamoDB transaction, in the order of its TransactItems. */
export interface CancellationReason {
  Code?: string;
  Message?: string;
}

/**
 * An error answered by an AWS service: `name` is the service's error code without its namespace
 * (ConditionalCheckFailedException, ExecutionAlreadyExists, …), as the AWS SDK names its errors.
 */
export class AwsServiceError extends Error {
  readonly status: number;
  /** TransactionCanceledException only. */
  readonly cancellationReasons: readonly CancellationReason[];

  constructor(code: string, message: string, status: number, cancellationReasons: CancellationReason[] = []) {
    super(message);
    this.name = code;
    this.status = status;
    this.cancellationReasons = cancellationReasons;
  }
}

/** True when `error` is the service error `code` (or one of `codes`). */
export const isAwsError = (error: unknown, ...codes: string[]): error is AwsServiceError =>
  error instanceof AwsServiceError && codes.includes(error.name);

/** The reason codes of a cancelled transaction, [] for any other error. */
export const cancellationCodes = (error: unknown): (string | undefined)[] =>
  isAwsError(error, 'TransactionCanceledException')
    ? error.cancellationReasons.map((reason) => reason.Code)
    : [];

/** Another transaction was changing one of the same items at the same time; nothing was written. */
export const isTransactionConflict = (error: unknown): boolean =>
  isAwsError(error, 'TransactionConflictException') ||
  cancellationCodes(error).includes('TransactionConflict');
