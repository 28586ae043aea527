/** An error the Step Functions API returns to its caller, by type (e.g. ExecutionAlreadyExists). */
export class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}
