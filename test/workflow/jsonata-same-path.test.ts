import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ExecutionRecord } from '../../local/stepfunctions/executions.ts';

// Set before the tasks' logger is created (on import): the scripted failures would fill the output.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const { LIFECYCLE_DEFINITION_FILE, WORKFLOW_TASKS } = await import('../../functions/workflow/tasks.ts');
const { JsonFile } = await import('../../local/json-file.ts');
const { localFunctionArn, localStateMachineArn } = await import('../../local/aws-local.ts');
const { invokeLambda, workflowTaskError } = await import('../../local/lambda/invoke.ts');
const { loadDefinition, localFunctionSubstitutions } =
  await import('../../local/stepfunctions/definition.ts');
const { LocalExecutions } = await import('../../local/stepfunctions/executions.ts');
const { always, invocations, reset, script } = await import('./fixtures/scripted-task.ts');
const { ReferenceTaskTokens, runReference } = await import('./fixtures/jsonata-reference.ts');

/**
 * Both runtimes take the same path: the lifecycle definition as deployed (JSONata with variables) runs
 * on the local runtime, which translates it into JSONPath for aws-local-stepfunctions, and on a
 * reference interpreter that evaluates its expressions with the `jsonata` package as AWS does. Both
 * drive the same scripted tasks; the states entered, the variables on entering each and every task
 * invocation's input must be the same.
 */
const FIXTURE = 'test/workflow/fixtures/scripted-task.ts';
const ARN = localStateMachineArn('jsonata-same-path');
const definition = loadDefinition(LIFECYCLE_DEFINITION_FILE, localFunctionSubstitutions(WORKFLOW_TASKS));
const functionNames = new Map(
  Object.values(WORKFLOW_TASKS).map(({ name }) => [localFunctionArn(name), name] as const),
);
const executions = new LocalExecutions(
  new JsonFile<Record<string, ExecutionRecord>>(undefined, {}),
  (error) => {
    throw error;
  },
  { retryAndWaitMs: 1, recordVariables: true },
);
executions.register({
  arn: ARN,
  name: 'jsonata-same-path',
  definition,
  functions: Object.values(WORKFLOW_TASKS).map(({ name }) => ({ name, entry: FIXTURE })),
});

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

/** Where a callback task's answer goes: the local runtime's task tokens or the reference's. */
interface TaskTokens {
  succeed(token: string, output: string): void;
  fail(token: string, error: string, cause: string): void;
}
/** A scenario scripts the tasks; RegisterWait's steps answer through the run's task tokens. */
type Scenario = (tokens: TaskTokens) => void;

interface Run {
  status: string;
  error?: string;
  entered: { stateName: string; variables: Record<string, unknown> }[];
  calls: { functionName: string; input: Record<string, unknown> }[];
}

/** A failure's Cause is the function's error report; its stack trace differs between the two runs. */
const withoutTrace = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutTrace);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      if (key === 'Cause' && typeof inner === 'string' && inner.startsWith('{')) {
        const { trace: _trace, ...report } = JSON.parse(inner) as Record<string, unknown>;
        return [key, report];
      }
      return [key, withoutTrace(inner)];
    }),
  );
};
const normalised = (run: Run): Run => withoutTrace(run) as Run;
/** Task tokens are random per run: compare that one was passed, not its value. */
const callsSoFar = () =>
  invocations.map(({ functionName, input }) => ({
    functionName,
    input: 'taskToken' in input ? { ...input, taskToken: typeof input.taskToken } : input,
  }));

let runs = 0;
const runLocal = async (scenario: Scenario): Promise<Run> => {
  reset();
  scenario(executions.taskTokens);
  runs += 1;
  const { executionArn } = await executions.start(ARN, `run-${runs}`, JSON.stringify({ complaintId: ID }));
  for (let i = 0; i < 600; i += 1) {
    const record = executions.describe(executionArn);
    if (record.status !== 'RUNNING')
      return normalised({
        status: record.status,
        ...(record.error ? { error: record.error } : {}),
        entered: record.history
          .filter((event) => event.type.endsWith('StateEntered'))
          .map((event) => ({ stateName: event.stateName!, variables: event.variables ?? {} })),
        calls: callsSoFar(),
      });
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the execution did not end');
};

const runOnReference = async (scenario: Scenario): Promise<Run> => {
  reset();
  const tokens = new ReferenceTaskTokens();
  scenario(tokens);
  const invoke = (arn: string, payload: unknown) => {
    const name = functionNames.get(arn);
    if (!name) throw new Error(`no function ${arn}`);
    return invokeLambda(name, FIXTURE, payload).catch((error: unknown) => {
      throw workflowTaskError(error);
    });
  };
  const run = await runReference(definition, { complaintId: ID }, invoke, tokens);
  return normalised({ ...run, calls: callsSoFar() });
};

const bothRuns = async (scenario: Scenario) => {
  const reference = await runOnReference(scenario);
  const local = await runLocal(scenario);
  expect(local).toEqual(reference);
  return reference;
};

const signal =
  (tokens: TaskTokens) =>
  (input: Record<string, unknown>): unknown => {
    tokens.succeed(String(input.taskToken), '{"signal":true}');
    return { outcome: 'signal' };
  };
const ended =
  (tokens: TaskTokens) =>
  (input: Record<string, unknown>): unknown => {
    tokens.fail(String(input.taskToken), 'Lifecycle.Ended', 'closed');
    return { outcome: 'end' };
  };
/** RegisterWait that answers nothing: the wait runs into its timeout (1 s in these plans). */
const unanswered = () => ({ outcome: 'await' });
const plan =
  (stage: string, version: number, timeoutSeconds = 3600) =>
  () => ({
    next: 'await',
    stage,
    timeoutSeconds,
    version,
  });
const end = (version: number) => () => ({ next: 'end', stage: 'followUp', timeoutSeconds: 86_400, version });
const throttled = () => {
  throw new ProvisionedThroughputExceededException({
    message: 'Throughput exceeds the limit',
    $metadata: {},
  });
};
const bug = () => {
  throw new TypeError("Cannot read properties of undefined (reading 'sla')");
};

const statesOf = (run: Run) => run.entered.map((state) => state.stateName);
const wakeUps = (run: Run) =>
  run.calls
    .filter((call) => call.functionName === 'AdvanceLifecycle')
    .map((call) => `${String(call.input.woken)} ${String(call.input.stage)}`);

beforeEach(() => reset());

describe('the JSONata lifecycle takes the same path on the local runtime as on a jsonata reference', () => {
  it('happy path: first response, resolution, follow-up, closed', async () => {
    const run = await bothRuns((tokens) => {
      script(
        'AdvanceLifecycle',
        plan('firstResponse', 1),
        plan('resolution', 2),
        plan('followUp', 3),
        end(4),
      );
      script('RegisterWait', signal(tokens), signal(tokens), signal(tokens), ended(tokens));
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(wakeUps(run)).toEqual([
      'start firstResponse',
      'signal firstResponse',
      'signal resolution',
      'signal followUp',
    ]);
    expect(run.entered.at(-1)).toEqual({
      stateName: 'Done',
      variables: {
        triage: { severity: 'L3' },
        plan: { next: 'end', stage: 'followUp', timeoutSeconds: 86_400, version: 4 },
        woken: 'signal',
        retryLater: 0,
      },
    });
  });

  it('escalation: an L1 complaint notifies at once, and a stage that times out wakes up as a timeout', async () => {
    const run = await bothRuns((tokens) => {
      script('Triage', () => ({ severity: 'L1', alert: false }));
      script('AdvanceLifecycle', plan('firstResponse', 1, 1), plan('firstResponse', 2), end(3));
      script('RegisterWait', unanswered, signal(tokens), ended(tokens));
    });
    expect(statesOf(run).slice(0, 3)).toEqual(['Triage', 'IsEmergency', 'NotifyEmergency']);
    expect(wakeUps(run)).toEqual(['start firstResponse', 'timeout firstResponse', 'signal firstResponse']);
  });

  it('a reputation alert takes the emergency path too', async () => {
    const run = await bothRuns((tokens) => {
      script('Triage', () => ({ severity: 'L3', alert: true }));
      always('RegisterWait', ended(tokens));
    });
    expect(statesOf(run)).toContain('NotifyEmergency');
  });

  it('pause and resume: the paused clock waits long, a resume signal plans the stage again', async () => {
    const run = await bothRuns((tokens) => {
      script(
        'AdvanceLifecycle',
        plan('resolution', 1),
        plan('resolution', 2, 86_400),
        plan('resolution', 3),
        end(4),
      );
      script('RegisterWait', signal(tokens), signal(tokens), signal(tokens), ended(tokens));
    });
    const waits = run.calls.filter((call) => call.functionName === 'RegisterWait');
    expect(waits.map(({ input }) => [input.stage, input.version, input.next])).toEqual([
      ['resolution', 1, 'await'],
      ['resolution', 2, 'await'],
      ['resolution', 3, 'await'],
      ['followUp', 4, 'end'],
    ]);
  });

  it('reopen: the follow-up goes back to resolution, then ends again', async () => {
    const run = await bothRuns((tokens) => {
      script('AdvanceLifecycle', plan('followUp', 1), plan('resolution', 2), plan('followUp', 3, 1), end(4));
      script('RegisterWait', signal(tokens), signal(tokens), unanswered, ended(tokens));
    });
    expect(wakeUps(run)).toEqual([
      'start firstResponse',
      'signal followUp',
      'signal resolution',
      'timeout followUp',
    ]);
  });

  it('failure: a bug in a wake-up is recorded against its stage and fails the execution', async () => {
    const run = await bothRuns(() => {
      script('AdvanceLifecycle', plan('resolution', 1, 1), bug);
      script('RegisterWait', unanswered);
    });
    expect(run).toMatchObject({ status: 'FAILED', error: 'TypeError' });
    expect(statesOf(run).slice(-4)).toEqual([
      'RecordFollowUpFailure',
      'AfterWakeUpFailure',
      'RecordLifecycleFailure',
      'LifecycleFailed',
    ]);
    expect(run.entered.at(-1)?.variables).toMatchObject({
      failedStage: 'resolution',
      failure: { Error: 'TypeError', Cause: { errorType: 'TypeError' } },
    });
  });

  it('failure: a dropped follow-up mail goes on, a dependency that stays down is retried later', async () => {
    const run = await bothRuns((tokens) => {
      script('AdvanceLifecycle', plan('followUp', 1), bug, plan('followUp', 2), end(3));
      // The first wait is refused through all 11 attempts, nothing to drop: retried a minute later.
      // Then a wake-up fails with follow-up mail waiting: the mail is dropped and the lifecycle goes on.
      script(
        'RecordFollowUpFailure',
        () => ({ recorded: false }),
        () => ({ recorded: true }),
      );
      script('RegisterWait', ...Array.from({ length: 11 }, () => throttled), signal(tokens), ended(tokens));
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(statesOf(run)).toContain('RetryLater');
    expect(run.entered.at(-1)?.variables).toMatchObject({
      retryLater: 1,
      followUpFailure: { recorded: true },
    });
  });

  it('failure: a triage that fails for good is recorded as the triage stage', async () => {
    const run = await bothRuns(() => {
      script('Triage', bug);
    });
    expect(run).toMatchObject({ status: 'FAILED', error: 'TypeError' });
    expect(statesOf(run)).toEqual(['Triage', 'RecordLifecycleFailure', 'LifecycleFailed']);
  });
});
