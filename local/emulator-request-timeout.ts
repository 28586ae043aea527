import { NodeHttpHandler } from '@smithy/node-http-handler';
import { AWS_CLIENT_OPTIONS } from '../functions/adapters/aws-client-options.ts';

/**
 * How long one attempt may wait for an emulator. DynamoDB Local answers a burst of 20 complaints
 * (with their workflows) in up to seconds where DynamoDB answers in milliseconds: measured, 5 of 20
 * submissions failed at the functions' 2 s per attempt. Locally an attempt may wait longer, so the
 * bound on a hung call is the function's own timeout (10 s for the API: a 5xx, never a hang).
 */
export const EMULATOR_REQUEST_TIMEOUT_MS = 5_000;

/**
 * Gives one of the functions' SDK clients the same handler options with the emulator's longer
 * per-attempt timeout (still thrown, never only logged). Local runtime only, like the capacity log.
 */
export const allowForEmulatorSpeed = (client: { config: { requestHandler: unknown } }): void => {
  client.config.requestHandler = new NodeHttpHandler({
    ...AWS_CLIENT_OPTIONS.requestHandler,
    requestTimeout: EMULATOR_REQUEST_TIMEOUT_MS,
  });
};
