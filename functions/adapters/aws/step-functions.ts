import type {
  SendTaskSuccessCommandInput,
  StartExecutionCommandInput,
  StartExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import { awsRequest, type AwsService } from './aws-request.ts';

const STEP_FUNCTIONS: AwsService = {
  signingName: 'states',
  endpointPrefix: 'states',
  endpointVariable: 'SFN',
  jsonVersion: '1.0',
  targetPrefix: 'AWSStepFunctions',
};

/** The Step Functions operations the functions use, over its JSON protocol (SDK input types). */
export const stepFunctions = {
  startExecution: (input: StartExecutionCommandInput) =>
    awsRequest<Omit<StartExecutionCommandOutput, '$metadata'>>(STEP_FUNCTIONS, {
      operation: 'StartExecution',
      body: input,
    }),

  sendTaskSuccess: async (input: SendTaskSuccessCommandInput): Promise<void> => {
    await awsRequest(STEP_FUNCTIONS, { operation: 'SendTaskSuccess', body: input });
  },
};
