import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import type { LifecycleExecutions } from '../app/ports.ts';
import { isAwsError } from './aws-errors.ts';
import { requireSetting } from './config.ts';
import { stepFunctionsClient } from './step-functions.ts';

/** An execution's ARN from its state machine's: `…:stateMachine:<machine>` → `…:execution:<machine>:<name>`. */
export const executionArn = (stateMachineArn: string, name: string): string =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

/** The status of one lifecycle execution (states:DescribeExecution on the state machine's executions). */
export const lifecycleExecutions: LifecycleExecutions = {
  state: async (name) => {
    try {
      const { status } = await stepFunctionsClient.send(
        new DescribeExecutionCommand({
          executionArn: executionArn(requireSetting('STATE_MACHINE_ARN'), name),
        }),
      );
      return status ?? 'none';
    } catch (error) {
      if (isAwsError(error, 'ExecutionDoesNotExist')) return 'none';
      throw error;
    }
  },
};
