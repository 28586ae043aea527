import { currentInvocation } from './invoke.ts';

/** The part of an AWS SDK v3 client the fence needs (every client has it). */
interface SdkClient {
  middlewareStack: {
    add: (
      middleware: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
      options: { step: 'finalizeRequest'; priority: 'low'; name: string },
    ) => void;
  };
}

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
export const refuseCallsAfterTimeout = (client: SdkClient): void => {
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
