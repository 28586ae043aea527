import { inject } from 'vitest';

/**
 * Points this test process's AWS SDK and adapters at the local stack, the way the stack configures
 * its own handlers (environment, clock speed), so a test can act as staff through the same adapters
 * the handlers use. Import other adapters only after calling this (dynamic import).
 */
export const useLocalStack = async () => {
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoDbUrl'),
    AWS_ENDPOINT_URL_SFN: inject('stepFunctionsUrl'),
    AWS_ENDPOINT_URL_SES: inject('sesUrl'),
    TABLE_NAME: 'complaints',
    STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:complaint-lifecycle',
    POLICY_FILE: inject('policyFile'),
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    DEV_AUTH_KEY_FILE: inject('devAuthKeyFile'),
  });
  const { runClockFaster } = await import('../../functions/adapters/clock.ts');
  runClockFaster(inject('slaTimeScale'), inject('slaClockEpochMs'));
};

export const executionArnOf = (complaintId: string) =>
  `arn:aws:states:us-east-1:000000000000:execution:complaint-lifecycle:${complaintId}`;
