import { inject } from 'vitest';

/**
 * Points this test process's AWS SDK and adapters at the local stack, the way the stack configures
 * its own handlers, so a test can act as staff through the same adapters the handlers use.
 * Import adapters only after calling this (dynamic import).
 */
export const useLocalStack = () => {
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoDbUrl'),
    AWS_ENDPOINT_URL_SFN: inject('stepFunctionsUrl'),
    AWS_ENDPOINT_URL_SESV2: inject('sesUrl'),
    TABLE_NAME: 'complaints',
    STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:complaint-lifecycle',
    POLICY_FILE: inject('policyFile'),
    SLA_TIME_SCALE: String(inject('slaTimeScale')),
    SLA_CLOCK_EPOCH_MS: String(inject('slaClockEpochMs')),
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    DEV_AUTH_KEY_FILE: inject('devAuthKeyFile'),
  });
};

export const executionArnOf = (complaintId: string) =>
  `arn:aws:states:us-east-1:000000000000:execution:complaint-lifecycle:${complaintId}`;
