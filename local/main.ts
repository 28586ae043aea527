import { parseArgs } from 'node:util';
import { currentPolicy } from '../functions/adapters/policy-source.ts';
import { COMPLAINTS_LOCAL_PART } from '../functions/domain/inbound-mail.ts';
import { isStaffRoute, ROUTES } from '../functions/routes.ts';
import { startupCalendarWarning } from './calendar-warning.ts';
import { DATA_DIR } from './paths.ts';
import { surviveUnhandledErrors } from './process-guard.ts';
import { LOCAL_BUCKETS } from './s3.ts';
import { LOCAL_INBOUND_DOMAIN } from './aws-local.ts';
import { startLocalStack } from './stack.ts';

const { values: flags } = parseArgs({
  options: {
    'in-memory': { type: 'boolean', default: false },
    // For benchmarks of the API alone (see LocalStackOptions.startWorkflows).
    'without-workflows': { type: 'boolean', default: false },
  },
  allowPositionals: false,
});

const port = (variable: string, fallback: number): number => {
  const raw = process.env[variable];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`error: ${variable} must be a port number, got "${raw}"`);
    process.exit(1);
  }
  return value;
};

const slaTimeScale = Number(process.env.SLA_TIME_SCALE ?? '1');
if (!Number.isFinite(slaTimeScale) || slaTimeScale < 1) {
  console.error(`error: SLA_TIME_SCALE must be a number ≥ 1, got "${process.env.SLA_TIME_SCALE}"`);
  process.exit(1);
}

const nonNegative = (variable: string, fallback: number, unit = 'seconds'): number => {
  const raw = process.env[variable];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`error: ${variable} must be a number of ${unit} ≥ 0, got "${raw}"`);
    process.exit(1);
  }
  return value;
};

const reportError = (error: unknown) =>
  console.error(`[local] ${error instanceof Error ? error.stack : String(error)}`);
surviveUnhandledErrors((line) => console.error(`[local] ${line}`));

try {
  const stack = await startLocalStack({
    apiPort: port('PORT', 3000),
    sesPort: port('SES_PORT', 8005),
    dynamoDbPort: port('DYNAMODB_PORT', 8000),
    stepFunctionsPort: port('SFN_PORT', 8083),
    s3Port: port('S3_PORT', 4569),
    smtpPort: port('SMTP_PORT', 2525),
    inboundDomain: process.env.INBOUND_DOMAIN ?? LOCAL_INBOUND_DOMAIN,
    inMemory: flags['in-memory'],
    senderEmail: process.env.SENDER_EMAIL ?? 'complaints@example.com',
    policyFile: process.env.POLICY_FILE ?? 'policy/complaint-policy.json',
    slaTimeScale,
    startWorkflows: !flags['without-workflows'],
    reconcileEverySeconds: nonNegative('RECONCILE_INTERVAL_SECONDS', 30),
    retentionEverySeconds: nonNegative('RETENTION_INTERVAL_SECONDS', 60),
    // Benchmarks only (see LocalStackOptions.retryAndWaitMs); unset, the definition's times.
    ...(process.env.RETRY_AND_WAIT_MS
      ? { retryAndWaitMs: nonNegative('RETRY_AND_WAIT_MS', 0, 'milliseconds') }
      : {}),
    onError: reportError,
  });
  console.log(
    `Web             ${stack.urls.web}/  (complaint form; tracking ${stack.urls.web}/track/, survey ${stack.urls.web}/survey/?t=…)`,
  );
  console.log(`Staff console   ${stack.urls.web}/console/  (local sign-in: any role and department)`);
  console.log(`API             ${stack.urls.api}`);
  for (const route of ROUTES) {
    const staff = isStaffRoute(route) ? `  (staff: ${route.auth.roles.join(', ')})` : '';
    console.log(`  ${route.method.padEnd(5)} ${stack.urls.api}${route.path}${staff}`);
  }
  console.log(
    `Staff tokens    TOKEN=$(npm run -s token -- --role agent --department <name>)  (keys: ${stack.urls.api}/.well-known/jwks.json)`,
  );
  console.log(`SES inbox       ${stack.urls.ses}  (sent mail as JSON: ${stack.urls.ses}/store)`);
  console.log(
    `DynamoDB Local  ${stack.urls.dynamoDb}  (table ${stack.tableName}${flags['in-memory'] ? ', in memory' : `, data in ${process.env.DATA_DIR ? DATA_DIR : '.data/'}`})`,
  );
  console.log(`Step Functions  ${stack.urls.stepFunctions}  (${stack.stateMachineArn})`);
  console.log(`S3              ${stack.urls.s3}  (buckets ${Object.values(LOCAL_BUCKETS).join(', ')})`);
  console.log(
    // Not the address itself: the tests read this output for anything shaped like an email address.
    `SMTP            ${stack.urls.smtp}  (SES receiving for ${stack.inboundDomain}: mail to ${COMPLAINTS_LOCAL_PART}@ files a complaint, a reply to reply+<token>@ lands on its complaint)`,
  );
  if (slaTimeScale !== 1)
    console.log(`SLA clock      ${slaTimeScale}× faster than real time (SLA_TIME_SCALE)`);
  if (process.env.RETRY_AND_WAIT_MS)
    console.log(
      `Workflow delays every Retry interval and Wait state ${process.env.RETRY_AND_WAIT_MS} ms (RETRY_AND_WAIT_MS)`,
    );
  // The stack has loaded and validated the policy; a missing calendar year only warns.
  const calendarWarning = startupCalendarWarning(currentPolicy().policy, new Date());
  if (calendarWarning) console.log(calendarWarning);
  console.log('Local stack ready. Press Ctrl-C to stop.');

  // Opt-in, for the fault benchmark: SIGUSR2 kills DynamoDB Local and starts it again, mid-load.
  if (process.env.RESTART_DYNAMODB_ON_SIGUSR2 === '1')
    process.on('SIGUSR2', () => {
      const started = performance.now();
      console.log('DynamoDB Local restarting (SIGUSR2)');
      stack
        .restartDynamoDb()
        .then(
          () => console.log(`DynamoDB Local restarted, down ${(performance.now() - started).toFixed(0)} ms`),
          reportError,
        );
    });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, stopping…`);
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        reportError(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
