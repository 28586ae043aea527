import type { MetadataBearer, MiddlewareStack } from '@smithy/types';
import { currentInvocation } from './invoke.ts';

/** The error a timed-out function's later AWS call fails with (it never reaches the emulator). */
export class InvocationTimedOut extends Error {
  override readonly name = 'InvocationTimedOut';
}

/**
 * Lambda stops a function at its timeout; in one process the local runtime cannot, so this refuses
 * every AWS call a timed-out invocation still starts, retries included (the middleware sits inside
 * the SDK's retry loop), and the function writes nothing after its timeout. Installed by the local
 * runtime on the functions' own clients; production code never sees it.
 */
export const refuseCallsAfterTimeout = <Input extends object, Output extends MetadataBearer>(client: {
  middlewareStack: MiddlewareStack<Input, Output>;
}): void => {
  client.middlewareStack.add(
    (next) => async (args) => {
      const invocation = currentInvocation.getStore();
      if (invocation?.timedOut)
        throw new InvocationTimedOut(`${invocation.functionName} timed out; Lambda would have stopped it`);
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'localInvocationFence' },
  );
};
