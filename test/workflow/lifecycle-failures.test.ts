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

beforeEach(reset);

describe('lifecycle failures on the local runtime', () => {
  it('retries a task whose dependency is unavailable, and the lifecycle goes on', async () => {
    script('SendAcknowledgement', throttled, throttled, throttled);
    const record = await runLifecycle();
    expect(record.status).toBe('SUCCEEDED');
    expect(callsOf('SendAcknowledgement')).toHaveLength(4);
    expect(entered(record)).toEqual(expect.arrayContaining(['PlanFirstResponse', 'FollowUp', 'Done']));
    expect(callsOf('RecordLifecycleFailure')).toEqual([]);
  });

  it('does not retry any other error: it is recorded against its stage and the execution fails', async () => {
    script('PlanStage', bug);
    const record = await runLifecycle();
    expect(callsOf('PlanStage')).toHaveLength(1);
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
    expect(entered(record).slice(-3)).toEqual([
      'FirstResponseFailed',
      'RecordLifecycleFailure',
      'LifecycleFailed',
    ]);
  });

  it('ends the retry-later loop of a human stage after its bound, in the recorded failure', async () => {
    always('PlanStage', () => ({ kind: 'wait', timeoutSeconds: 3600, version: 1 }));
    always('RegisterWait', throttled);
    const record = await runLifecycle();
    expect(record).toMatchObject({ status: 'FAILED', error: 'DependencyUnavailable' });
    // Each of the 6 passes (the first and 5 retry-later cycles) invokes the task 1 + 10 retries times.
    expect(callsOf('RegisterWait')).toHaveLength(6 * 11);
    expect(entered(record).filter((state) => state === 'RetryFirstResponseLater')).toHaveLength(5);
    const recorded = callsOf('RecordLifecycleFailure').map((call) => call.input);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      stage: 'firstResponse',
      failure: { Error: 'DependencyUnavailable' },
    });
  });

  it('ends a follow-up that keeps failing with no mail to drop in the recorded failure, not in a loop', async () => {
    always('FollowUp', bug);
    script(
      'RecordFollowUpFailure',
      () => ({ recorded: true }),
      () => ({ recorded: false }),
    );
    const record = await runLifecycle();
    expect(record).toMatchObject({ status: 'FAILED', error: 'TypeError' });
    expect(callsOf('FollowUp')).toHaveLength(2);
    expect(callsOf('RecordLifecycleFailure').map((call) => call.input.stage)).toEqual(['followUp']);
  });
});
