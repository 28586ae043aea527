import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse } from 'aws-lambda';
import { runClockFaster } from '../functions/adapters/clock.ts';
import { dynamoDbClient } from '../functions/adapters/dynamodb.ts';
import { sesClient } from '../functions/adapters/ses.ts';
import { stepFunctionsClient } from '../functions/adapters/step-functions.ts';
import { currentPolicy } from '../functions/adapters/policy-source.ts';
import { ROUTES } from '../functions/routes.ts';
import { LIFECYCLE_DEFINITION_FILE, WORKFLOW_TASKS } from '../functions/workflow/tasks.ts';
import { LIFECYCLE_STARTER } from '../functions/workflow/lifecycle-starter.ts';
import { KPI_COUNTER } from '../functions/workflow/kpi-counter.ts';
import { DATA_REQUEST_CONSUMER } from '../functions/workflow/data-request-consumer.ts';
import { matchesStreamFilter } from '../functions/workflow/stream-filter.ts';
import { devKeys } from './auth/dev-keys.ts';
import { logAwsCalls, logConsumedCapacity } from './capacity-log.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localStateMachineArn } from './aws-local.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { LOCAL_BUCKETS, startLocalS3 } from './s3.ts';
import { deliverS3Event } from './s3-events.ts';
import { INBOUND_MAIL_PREFIX, startLocalSmtp } from './smtp.ts';
import { createGateway } from './gateway.ts';
import { JsonFile } from './json-file.ts';
import { refuseCallsAfterTimeout } from './lambda/invocation-fence.ts';
import { invokeLambda } from './lambda/invoke.ts';
import { DATA_DIR, REPO_ROOT } from './paths.ts';
import { assertPortFree } from './ports.ts';
import { loadDefinition, localFunctionSubstitutions } from './stepfunctions/definition.ts';
import { LocalExecutions, type ExecutionRecord } from './stepfunctions/executions.ts';
import { createStepFunctionsServer } from './stepfunctions/server.ts';
import { LIFECYCLE_RECONCILER } from '../functions/workflow/lifecycle-reconciler.ts';
import { RETENTION_JOB } from '../functions/workflow/retention-job.ts';
import { startScheduleTimer } from './schedule-timer.ts';
import { startStreamPoller } from './stream-poller.ts';
import { superviseServer } from './supervised-server.ts';
import { createWebHandler } from './web-app.ts';
import { ensureWebBuilt, WEB_DIST } from './web-build.ts';
import { ensureTable } from './table.ts';
import { seedReplyTemplates } from './seed-reply-templates.ts';
import { allowForEmulatorSpeed } from './emulator-request-timeout.ts';
import { awaitTransactionCommit } from './transaction-commit-barrier.ts';

export interface LocalStackOptions {
  apiPort: number;
  sesPort: number;
  dynamoDbPort: number;
  stepFunctionsPort: number;
  /** The S3 stand-in (evidence files, raw inbound mail). */
  s3Port: number;
  /** The SMTP endpoint standing in for SES receiving. */
  smtpPort: number;
  /** The domain mail is received for (complaints@, reply+…@). */
  inboundDomain: string;
  /** Keep nothing on disk. */
  inMemory: boolean;
  senderEmail: string;
  /** Policy document (absolute or relative to the repository). */
  policyFile: string;
  /** How much faster than real time business time runs (1 = real time). */
  slaTimeScale: number;
  /**
   * Start a lifecycle for each new complaint (the stream poller). Off only for benchmarks that
   * measure the API alone: in AWS the workflow runs on other machines, here it would share the cores.
   * @default true
   */
  startWorkflows?: boolean;
  /**
   * Seconds between runs of the lifecycle reconciler (EventBridge Scheduler's 5 minutes in AWS); 0 turns
   * it off. Runs only with the workflows. @default 30
   */
  reconcileEverySeconds?: number;
  /**
   * Seconds between runs of the retention job (EventBridge Scheduler's hour in AWS); 0 turns it off.
   * @default 60
   */
  retentionEverySeconds?: number;
  /**
   * Benchmarks and tests only: every Retry interval and Wait state of the workflows lasts this many
   * milliseconds instead of the definition's (the fault bench outlasts every task's retries in seconds,
   * not the ~15 minutes the deployed backoff allows). Unset: the definition's times.
   */
  retryAndWaitMs?: number;
  onError: (error: unknown) => void;
  /** Progress lines (the web build). @default console.log */
  log?: (line: string) => void;
}

export interface LocalStack {
  /** `web` is the API's own origin: the gateway serves the pages too, as one site. */
  urls: {
    api: string;
    web: string;
    ses: string;
    dynamoDb: string;
    stepFunctions: string;
    s3: string;
    smtp: string;
  };
  stateMachineArn: string;
  tableName: string;
  inboundDomain: string;
  /** Kills DynamoDB Local and starts it again on the same port and data (the fault benchmark). */
  restartDynamoDb: () => Promise<void>;
  stop: () => Promise<void>;
}

// aws-ses-v2-local is CommonJS with a default export.
const sesServer = (
  createRequire(import.meta.url)('aws-ses-v2-local') as {
    default: (config: { host: string; port: number }) => Promise<Server>;
  }
).default;

export const TABLE_NAME = 'complaints';
const STATE_MACHINE_NAME = 'complaint-lifecycle';

const listen = (server: Server, port: number): Promise<void> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

const close = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

export const assertJava = (): void => {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new Error('Java 11+ is required for DynamoDB Local but `java` was not found on PATH');
  }
};

/** The key that signs tracking tokens; kept under DATA_DIR (.data/) so links in sent mail survive a restart. */
const localSigningKey = (inMemory: boolean): string => {
  if (inMemory) return randomBytes(32).toString('base64');
  const file = join(DATA_DIR, 'token-signing-key');
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
};

/** The local runtime's staff directory (AWS reads the Cognito user pool), seeded with a few people per department. */
export const LOCAL_STAFF_DIRECTORY_FILE = 'local/staff-directory.json';

/**
 * Starts the whole product on this machine: DynamoDB Local, the SES emulator, the S3 emulator, the Step
 * Functions endpoint, the stream poller and the API gateway, with the Lambda handlers running unchanged.
 */
export const startLocalStack = async (options: LocalStackOptions): Promise<LocalStack> => {
  assertJava();
  await assertPortFree(options.apiPort, 'PORT');
  await assertPortFree(options.sesPort, 'SES_PORT');
  await assertPortFree(options.dynamoDbPort, 'DYNAMODB_PORT');
  await assertPortFree(options.stepFunctionsPort, 'SFN_PORT');
  await assertPortFree(options.s3Port, 'S3_PORT');
  await assertPortFree(options.smtpPort, 'SMTP_PORT');

  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopper of stoppers.reverse()) await stopper().catch(options.onError);
  };
  const dataDirectory = options.inMemory ? undefined : DATA_DIR;
  const urls = {
    api: `http://127.0.0.1:${options.apiPort}`,
    web: `http://127.0.0.1:${options.apiPort}`,
    ses: `http://127.0.0.1:${options.sesPort}`,
    dynamoDb: `http://127.0.0.1:${options.dynamoDbPort}`,
    stepFunctions: `http://127.0.0.1:${options.stepFunctionsPort}`,
    s3: `http://127.0.0.1:${options.s3Port}`,
    smtp: `smtp://127.0.0.1:${options.smtpPort}`,
  };
  const stateMachineArn = localStateMachineArn(STATE_MACHINE_NAME);
  let restartDynamoDb = () => Promise.resolve();
  const log = options.log ?? console.log;
  /** Set once the table exists: what a restarted DynamoDB Local needs (the table again, in memory). */
  let afterDynamoDbRestart = () => Promise.resolve();

  try {
    const dynamoDb = await startDynamoDbLocal({
      port: options.dynamoDbPort,
      dataDirectory: dataDirectory && join(dataDirectory, 'dynamodb'),
      log,
      onError: options.onError,
      onRestarted: () => afterDynamoDbRestart(),
    });
    stoppers.push(dynamoDb.stop);
    restartDynamoDb = dynamoDb.restart;

    const ses = await superviseServer({
      name: 'SES emulator',
      port: options.sesPort,
      start: () => sesServer({ host: '127.0.0.1', port: options.sesPort }),
      log,
      onError: options.onError,
    });
    stoppers.push(ses.stop);

    const s3 = await startLocalS3({
      port: options.s3Port,
      dataDirectory: dataDirectory && join(dataDirectory, 's3'),
      onEvent: (event) => deliverS3Event(event, options.onError),
      log,
      onError: options.onError,
    });
    stoppers.push(s3.stop);

    // The handlers read the same variables as in Lambda; AWS_ENDPOINT_URL_* points the SDK here.
    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: urls.dynamoDb,
      AWS_ENDPOINT_URL_DYNAMODB_STREAMS: urls.dynamoDb,
      AWS_ENDPOINT_URL_SFN: urls.stepFunctions,
      AWS_ENDPOINT_URL_S3: urls.s3,
      EVIDENCE_BUCKET: LOCAL_BUCKETS.evidence,
      INBOUND_MAIL_BUCKET: LOCAL_BUCKETS.inboundMail,
      INBOUND_MAIL_PREFIX,
      INBOUND_DOMAIN: options.inboundDomain,
      // LOCAL_SES_ENDPOINT: the fault benchmark puts a proxy it can switch off in front of the emulator.
      AWS_ENDPOINT_URL_SES: process.env.LOCAL_SES_ENDPOINT ?? urls.ses,
      TABLE_NAME,
      STATE_MACHINE_ARN: stateMachineArn,
      SENDER_EMAIL: options.senderEmail,
      PUBLIC_WEB_URL: urls.web,
      TOKEN_SIGNING_KEY: localSigningKey(options.inMemory),
      POWERTOOLS_LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARN',
      POLICY_FILE: resolve(REPO_ROOT, options.policyFile),
      // No user pool here: the functions read the seeded staff directory instead.
      STAFF_DIRECTORY_FILE: resolve(
        REPO_ROOT,
        process.env.STAFF_DIRECTORY_FILE ?? LOCAL_STAFF_DIRECTORY_FILE,
      ),
      // EMF metric lines would bury the stack's own output; the metrics code still runs.
      POWERTOOLS_METRICS_DISABLED: 'true',
    });
    // The handlers run in this process: their clock runs as fast as asked. Processes sharing one scaled
    // clock (the tests) pass the epoch in.
    runClockFaster(options.slaTimeScale, Number(process.env.SLA_CLOCK_EPOCH_MS) || Date.now());
    if (process.env.CONSUMED_CAPACITY_LOG)
      logConsumedCapacity(dynamoDbClient, process.env.CONSUMED_CAPACITY_LOG, TABLE_NAME);
    if (process.env.AWS_CALL_LOG) {
      logAwsCalls(stepFunctionsClient, 'states', process.env.AWS_CALL_LOG);
      logAwsCalls(sesClient, 'ses', process.env.AWS_CALL_LOG);
    }
    // Lambda stops a function at its timeout; here its later AWS calls are refused instead.
    allowForEmulatorSpeed(dynamoDbClient);
    refuseCallsAfterTimeout(dynamoDbClient);
    // DynamoDB Local acknowledges a transaction before committing it; a crash in between lost it. In
    // memory a crash loses every item anyway, and the wait would only cost a read (3 ms; nor does the
    // cost benchmark, in memory, count such reads).
    if (dataDirectory) awaitTransactionCommit(dynamoDbClient);
    refuseCallsAfterTimeout(sesClient);
    refuseCallsAfterTimeout(stepFunctionsClient);
    // Fail at start-up, not at the first complaint, when the policy is invalid.
    currentPolicy();

    const ensureTableAgain = async () => {
      const dynamoClient = new DynamoDBClient({});
      try {
        return await ensureTable(dynamoClient, TABLE_NAME);
      } finally {
        dynamoClient.destroy();
      }
    };
    const streamArn = await ensureTableAgain();
    await seedReplyTemplates();

    const executions = new LocalExecutions(
      new JsonFile<Record<string, ExecutionRecord>>(
        dataDirectory && join(dataDirectory, 'stepfunctions', 'executions.json'),
        {},
      ),
      options.onError,
      { retryAndWaitMs: options.retryAndWaitMs },
    );
    executions.register({
      arn: stateMachineArn,
      name: STATE_MACHINE_NAME,
      definition: loadDefinition(LIFECYCLE_DEFINITION_FILE, localFunctionSubstitutions(WORKFLOW_TASKS)),
      functions: Object.values(WORKFLOW_TASKS),
    });
    const stepFunctions = await superviseServer({
      name: 'Step Functions endpoint',
      port: options.stepFunctionsPort,
      start: async () => {
        const server = createStepFunctionsServer(executions);
        await listen(server, options.stepFunctionsPort);
        return server;
      },
      log,
      onError: options.onError,
    });
    stoppers.push(async () => {
      executions.abortAll();
      await stepFunctions.stop();
    });
    executions.resumeInterrupted();

    if (options.startWorkflows ?? true) {
      const streamsClient = new DynamoDBStreamsClient({});
      const startPollers = (arn: string) => {
        const poller = startStreamPoller({
          client: streamsClient,
          streamArn: arn,
          checkpoints: new JsonFile<Record<string, string>>(
            dataDirectory && join(dataDirectory, 'stream-checkpoints.json'),
            {},
          ),
          accepts: (record) => matchesStreamFilter(LIFECYCLE_STARTER.filter, record),
          deliver: async (event) =>
            (await invokeLambda(
              LIFECYCLE_STARTER.name,
              LIFECYCLE_STARTER.entry,
              event,
            )) as DynamoDBBatchResponse,
          onError: options.onError,
        });
        // A second event source mapping on the same stream, with its own filter and checkpoints.
        const kpiPoller = startStreamPoller({
          client: streamsClient,
          streamArn: arn,
          checkpoints: new JsonFile<Record<string, string>>(
            dataDirectory && join(dataDirectory, 'stream-checkpoints-kpis.json'),
            {},
          ),
          accepts: (record) => matchesStreamFilter(KPI_COUNTER.filter, record),
          deliver: async (event) =>
            (await invokeLambda(KPI_COUNTER.name, KPI_COUNTER.entry, event)) as DynamoDBBatchResponse,
          onError: options.onError,
        });
        // A third: data-subject requests, carried out once confirmed.
        const dataRequestPoller = startStreamPoller({
          client: streamsClient,
          streamArn: arn,
          checkpoints: new JsonFile<Record<string, string>>(
            dataDirectory && join(dataDirectory, 'stream-checkpoints-data-requests.json'),
            {},
          ),
          accepts: (record) => matchesStreamFilter(DATA_REQUEST_CONSUMER.filter, record),
          deliver: async (event) =>
            (await invokeLambda(
              DATA_REQUEST_CONSUMER.name,
              DATA_REQUEST_CONSUMER.entry,
              event,
            )) as DynamoDBBatchResponse,
          onError: options.onError,
        });
        return async () => {
          await Promise.all([poller.stop(), kpiPoller.stop(), dataRequestPoller.stop()]);
        };
      };
      let pollers = { streamArn, stop: startPollers(streamArn) };
      // On the same data the stream is the same and the pollers resume from their checkpoints; in
      // memory the table is new, with a new stream, which new pollers read from its start.
      afterDynamoDbRestart = async () => {
        const arn = await ensureTableAgain();
        if (arn === pollers.streamArn) return;
        await pollers.stop();
        pollers = { streamArn: arn, stop: startPollers(arn) };
      };
      stoppers.push(async () => {
        await pollers.stop();
        streamsClient.destroy();
      });
      const reconcileEverySeconds = options.reconcileEverySeconds ?? 30;
      if (reconcileEverySeconds > 0) {
        const reconciler = startScheduleTimer(LIFECYCLE_RECONCILER, reconcileEverySeconds, options.onError);
        stoppers.push(reconciler.stop);
      }
      const retentionEverySeconds = options.retentionEverySeconds ?? 60;
      if (retentionEverySeconds > 0) {
        const retention = startScheduleTimer(RETENTION_JOB, retentionEverySeconds, options.onError);
        stoppers.push(retention.stop);
      }
    } else {
      afterDynamoDbRestart = async () => {
        await ensureTableAgain();
      };
    }

    // Made (or read) now, not at the first staff request: a broken key file fails the start, and the
    // key exists before anyone runs `npm run token`. Kept on disk even in memory mode (see dev-keys.ts).
    await devKeys();
    await ensureWebBuilt(options.log ?? console.log);
    const gateway = createGateway(ROUTES, options.onError, {
      web: createWebHandler(WEB_DIST, { apiUrl: urls.api, localLogin: true }, { evidence: urls.s3 }),
      devTokens: true,
    });
    await listen(gateway, options.apiPort);
    stoppers.push(() => close(gateway));

    // Last: a mail it takes is filed at once, so everything the receiving function uses is up.
    const smtp = await startLocalSmtp({
      port: options.smtpPort,
      domain: options.inboundDomain,
      log,
      onError: options.onError,
    });
    stoppers.push(smtp.stop);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    urls,
    stateMachineArn,
    tableName: TABLE_NAME,
    inboundDomain: options.inboundDomain,
    restartDynamoDb,
    stop,
  };
};
