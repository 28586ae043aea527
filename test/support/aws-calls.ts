import { vi } from 'vitest';
import { documentDb } from '../../functions/adapters/aws/dynamodb.ts';
import { sesV2 } from '../../functions/adapters/aws/ses.ts';
import { stepFunctions } from '../../functions/adapters/aws/step-functions.ts';

type AwsOperations = Record<string, (...args: never[]) => Promise<unknown>>;

const CLIENTS: Record<string, AwsOperations> = { documentDb, stepFunctions, sesV2 };

/**
 * For handler tests, in beforeEach: every AWS call the functions can make becomes a spy that rejects
 * ("unexpected documentDb.get") until the test gives it an answer, so no test reaches a network and
 * an unplanned call fails loudly.
 */
export const stubAwsCalls = (): void => {
  vi.restoreAllMocks();
  for (const [clientName, client] of Object.entries(CLIENTS)) {
    for (const operation of Object.keys(client)) {
      vi.spyOn(client, operation).mockRejectedValue(new Error(`unexpected ${clientName}.${operation}`));
    }
  }
};

/** The arguments of every call made to `client` (documentDb, stepFunctions, sesV2), whatever the operation. */
export const callsOf = (client: AwsOperations): unknown[][] =>
  Object.values(client).flatMap((operation) => vi.mocked(operation).mock.calls);
