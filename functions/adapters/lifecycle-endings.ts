import { SendTaskFailureCommand } from '@aws-sdk/client-sfn';
import type { LifecycleEndings } from '../app/ports.ts';
import { stepFunctionsClient } from './step-functions.ts';

/** The error the lifecycle's wait is answered with when the plan is its end (the ASL catches it). */
export const LIFECYCLE_ENDED = 'Lifecycle.Ended';

/**
 * Ends the lifecycle at its wait: answering the token with LIFECYCLE_ENDED lets the state machine
 * leave through a catcher, where a Choice after every wake-up would cost a transition each time.
 */
export const lifecycleEndings: LifecycleEndings = {
  end: async (taskToken) => {
    await stepFunctionsClient.send(
      new SendTaskFailureCommand({ taskToken, error: LIFECYCLE_ENDED, cause: 'The complaint is closed' }),
    );
  },
};
