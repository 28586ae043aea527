import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ExecutionRecord } from '../../local/stepfunctions/executions.ts';

// Set before the tasks' logger is created (on import): the scripted failures would fill the output.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const { LIFECYCLE_DEFINITION_FILE, WORKFLOW_TASKS } = await import('../../functions/workflow/tasks.ts');
const { JsonFile } = await import('../../local/json-file.ts');
const { localStateMachineArn } = await import('../../local/aws-local.ts');
const { loadDefinition, localFunctionSubstitutions } =
  await import('../../local/stepfunctions/definition.ts');
const { LocalExecutions } = await import('../../local/stepfunctions/executions.ts');
const { always, invocations, reset, script } = await import('./fixtures/scripted-task.ts');

/**
 * The deployed lifecycle definition on the local runtime, every Lambda task replaced by a scripted
 * stand-in (wrapped as the real tasks are), to show which errors are retried and where the others
 * end. Retry intervals and Wait states last 1 ms here (a local-only override; the ASL is unchanged).
 */
const FIXTURE = 'test/workflow/fixtures/scripted-task.ts';
const ARN = localStateMachineArn('lifecycle-failures');
const executions = new LocalExecutions(
  new JsonFile<Record<string, ExecutionRecord>>(undefined, {}),
  (error) => {
    throw error;
  },
  { retryAndWaitMs: 1 },
);
executions.register({
  arn: ARN,
  name: 'lifecycle-failures',
  definition: loadDefinition(LIFECYCLE_DEFINITION_FILE, localFunctionSubstitutions(WORKFLOW_TASKS)),
  functions: Object.values(WORKFLOW_TASKS).map(({ name }) => ({ name, entry: FIXTURE })),
});

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
let run = 0;

const runLifecycle = async (): Promise<ExecutionRecord> => {
  run += 1;
  const { executionArn } = await executions.start(ARN, `run-${run}`, JSON.stringify({ complaintId: ID }));
  for (let i = 0; i < 400; i += 1) {
    const record = executions.describe(executionArn);
    if (record.status !== 'RUNNING') return record;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the execution did not end');
};

const throttled = () => {
  throw new ProvisionedThroughputExceededException({
    message: 'Throughput exceeds the limit',
    $metadata: {},
  });
};
const bug = () => {
  throw new TypeError("Cannot read properties of undefined (reading 'sla')");
};

const callsOf = (functionName: string) => invocations.filter((call) => call.functionName === functionName);
const entered = (record: ExecutionRecord) =>
  record.history.filter((event) => event.type.endsWith('StateEntered')).map((event) => event.stateName);

/** RegisterWait's answers, as the real one gives them through the Step Functions API. */
const answerWait =
  (answer: 'end' | 'signal') =>
  (input: Record<string, unknown>): unknown => {
    const token = String(input.taskToken);
    if (answer === 'end') executions.taskTokens.fail(token, 'Lifecycle.Ended', 'closed');
    else executions.taskTokens.succeed(token, '{"signal":true}');
    return { outcome: answer };
  };
const awaitPlan = (stage: string) => () => ({ next: 'await', stage, timeoutSeconds: 3600, version: 1 });

beforeEach(() => {
  reset();
  always('RegisterWait', answerWait('end'));
});

describe('lifecycle failures on the local runtime', () => {
  it('retries a task whose dependency is unavailable, and the lifecycle goes on', async () => {
    script('SendAcknowledgement', throttled, throttled, throttled);
    const record = await runLifecycle();
    expect(record.status).toBe('SUCCEEDED');
    expect(callsOf('SendAcknowledgement')).toHaveLength(4);
    expect(entered(record).slice(-3)).toEqual(['AdvanceLifecycle', 'AwaitLifecycle', 'Done']);
    expect(callsOf('RecordLifecycleFailure')).toEqual([]);
  });

  it('does not retry any other error: it is recorded against its stage and the execution fails', async () => {
    script('AdvanceLifecycle', bug);
    const record = await runLifecycle();
    expect(callsOf('AdvanceLifecycle')).toHaveLength(1);
    const [recorded] = callsOf('RecordLifecycleFailure');
    expect(recorded?.input).toMatchObject({
      complaintId: ID,
      stage: 'firstResponse',
      failure: { Error: 'TypeError' },
    });
    // The Cause is the function's error report, as Lambda gives it to Step Functions.
    const cause = JSON.parse(String((recorded?.input.failure as { Cause: string }).Cause)) as unknown;
    expect(cause).toMatchObject({
      errorType: 'TypeError',
      errorMessage: "Cannot read properties of undefined (reading 'sla')",
    });
    expect(record).toMatchObject({ status: 'FAILED', error: 'TypeError' });
    // No follow-up mail was waiting (nothing recorded), and a bug is not retried later.
    expect(entered(record).slice(-4)).toEqual([
      'RecordFollowUpFailure',
      'AfterWakeUpFailure',
      'RecordLifecycleFailure',
      'LifecycleFailed',
    ]);
  });

  it('ends the retry-later loop of a human stage after its bound, in the recorded failure', async () => {
    always('AdvanceLifecycle', awaitPlan('resolution'));
    always('RegisterWait', throttled);
    const record = await runLifecycle();
    expect(record).toMatchObject({ status: 'FAILED', error: 'DependencyUnavailable' });
    // Each of the 6 passes (the first and 5 retry-later cycles) invokes the task 1 + 10 retries times.
    expect(callsOf('RegisterWait')).toHaveLength(6 * 11);
    expect(entered(record).filter((state) => state === 'RetryLater')).toHaveLength(5);
    const recorded = callsOf('RecordLifecycleFailure').map((call) => call.input);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      stage: 'resolution',
      failure: { Error: 'DependencyUnavailable' },
    });
  });

  it('goes on without a follow-up mail that failed for good, and ends a failure with none to drop', async () => {
    script('AdvanceLifecycle', awaitPlan('followUp'));
    always('AdvanceLifecycle', bug);
    script('RegisterWait', answerWait('signal'));
    script(
      'RecordFollowUpFailure',
      () => ({ recorded: true }),
      () => ({ recorded: false }),
    );
    const record = await runLifecycle();
    expect(record).toMatchObject({ status: 'FAILED', error: 'TypeError' });
    expect(callsOf('AdvanceLifecycle')).toHaveLength(3);
    expect(callsOf('RecordLifecycleFailure').map((call) => call.input.stage)).toEqual(['followUp']);
  });

  it('ends when the plan is the end, through the wait answered with Lifecycle.Ended', async () => {
    script('AdvanceLifecycle', awaitPlan('firstResponse'), awaitPlan('resolution'));
    script('RegisterWait', answerWait('signal'), answerWait('signal'));
    const record = await runLifecycle();
    expect(record.status).toBe('SUCCEEDED');
    expect(entered(record)).toEqual([
      'Triage',
      'IsEmergency',
      'SendAcknowledgement',
      ...Array.from({ length: 3 }, () => ['AdvanceLifecycle', 'AwaitLifecycle']).flat(),
      'Done',
    ]);
    expect(callsOf('AdvanceLifecycle').map((call) => [call.input.woken, call.input.stage])).toEqual([
      ['start', 'firstResponse'],
      ['signal', 'firstResponse'],
      ['signal', 'resolution'],
    ]);
  });
});
