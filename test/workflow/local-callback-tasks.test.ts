import { describe, expect, it } from 'vitest';
import { JsonFile } from '../../local/json-file.ts';
import { localFunctionArn, localStateMachineArn } from '../../local/aws-local.ts';
import {
  adaptCallbackTasks,
  LIBRARY_TIMEOUT_SECONDS,
  TASK_TOKEN_PLACEHOLDER,
} from '../../local/stepfunctions/callback-tasks.ts';
import type { MachineDefinition } from '../../local/stepfunctions/definition.ts';
import { LocalExecutions, type ExecutionRecord } from '../../local/stepfunctions/executions.ts';
import { invocations } from './fixtures/remember-token.ts';

const FUNCTION = { name: 'RememberToken', entry: 'test/workflow/fixtures/remember-token.ts' };

/** A callback task whose timeout comes from a field that is NOT in its Parameters output. */
const definition: MachineDefinition = {
  StartAt: 'AwaitAnswer',
  States: {
    AwaitAnswer: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: localFunctionArn(FUNCTION.name),
        Payload: { 'token.$': '$$.Task.Token', 'n.$': '$.n', 'delayMs.$': '$.delayMs' },
      },
      TimeoutSecondsPath: '$.timeoutSeconds',
      ResultPath: '$.answer',
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'TimedOut' }],
      Next: 'Answered',
    },
    Answered: { Type: 'Succeed' },
    TimedOut: { Type: 'Succeed' },
  },
};

const ARN = localStateMachineArn('callback-test');
const executions = new LocalExecutions(
  new JsonFile<Record<string, ExecutionRecord>>(undefined, {}),
  (error) => {
    throw error;
  },
);
executions.register({ arn: ARN, name: 'callback-test', definition, functions: [FUNCTION] });

const settled = async (executionArn: string) => {
  for (let i = 0; i < 100; i += 1) {
    const record = executions.describe(executionArn);
    if (record.status !== 'RUNNING') return record;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('execution did not settle');
};

const tokenFor = async (n: number) => {
  for (let i = 0; i < 100; i += 1) {
    const found = invocations.find((invocation) => invocation.n === n);
    if (found) return found.token;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the callback function was not invoked');
};

const path = (record: ExecutionRecord) =>
  record.history.filter((event) => event.type.endsWith('StateEntered')).map((event) => event.stateName);

describe('local callback tasks (adapting aws-local-stepfunctions)', () => {
  it('rewrites $$.Task.Token to a placeholder and moves the timeout into a hidden Parameters field', () => {
    const { definition: adapted, states } = adaptCallbackTasks(definition);
    expect([...states]).toEqual(['AwaitAnswer']);
    const state = adapted.States.AwaitAnswer!;
    expect(state.TimeoutSecondsPath).toBeUndefined();
    // Not the library's 60 s default: the local handler times the task out.
    expect(state.TimeoutSeconds).toBe(LIBRARY_TIMEOUT_SECONDS);
    expect(state.Parameters).toEqual({
      FunctionName: localFunctionArn(FUNCTION.name),
      Payload: { token: TASK_TOKEN_PLACEHOLDER, 'n.$': '$.n', 'delayMs.$': '$.delayMs' },
      '__timeoutSeconds.$': '$.timeoutSeconds',
    });
    expect(definition.States.AwaitAnswer!.TimeoutSecondsPath).toBe('$.timeoutSeconds');
  });

  it('passes a real token to the function and continues with the SendTaskSuccess output', async () => {
    const { executionArn } = await executions.start(
      ARN,
      'answered',
      JSON.stringify({ n: 1, timeoutSeconds: 30, delayMs: 0 }),
    );
    executions.taskTokens.succeed(await tokenFor(1), JSON.stringify({ decision: 'go' }));
    const record = await settled(executionArn);
    expect(record.status).toBe('SUCCEEDED');
    expect(JSON.parse(record.output!)).toEqual({
      n: 1,
      timeoutSeconds: 30,
      delayMs: 0,
      answer: { decision: 'go' },
    });
    expect(path(record)).toEqual(['AwaitAnswer', 'Answered']);
  });

  it('times out after TimeoutSecondsPath, read from the state input, with States.Timeout', async () => {
    const { executionArn } = await executions.start(
      ARN,
      'timed-out',
      JSON.stringify({ n: 2, timeoutSeconds: 1, delayMs: 0 }),
    );
    const token = await tokenFor(2);
    const record = await settled(executionArn);
    expect(path(record)).toEqual(['AwaitAnswer', 'TimedOut']);
    expect(JSON.parse(record.output!)).toMatchObject({ error: { Error: 'States.Timeout' } });
    // The token is spent: answering it now is an error the caller can recognise.
    expect(() => executions.taskTokens.succeed(token, '{}')).toThrow(
      expect.objectContaining({ type: 'TaskDoesNotExist' }),
    );
  });

  // Issue 16: the timer ran from before the invocation and rejected an answer nobody awaited yet,
  // an unhandled States.Timeout that ended the whole local runtime.
  it('times out with States.Timeout when the invocation itself outlasts the timeout', async () => {
    const { executionArn } = await executions.start(
      ARN,
      'slow-invocation',
      JSON.stringify({ n: 4, timeoutSeconds: 1, delayMs: 1_500 }),
    );
    const record = await settled(executionArn);
    expect(path(record)).toEqual(['AwaitAnswer', 'TimedOut']);
    expect(JSON.parse(record.output!)).toMatchObject({ error: { Error: 'States.Timeout' } });
  });

  it('takes a failure sent while the invocation still runs as the task error', async () => {
    const { executionArn } = await executions.start(
      ARN,
      'failed-early',
      JSON.stringify({ n: 5, timeoutSeconds: 30, delayMs: 300 }),
    );
    executions.taskTokens.fail(await tokenFor(5), 'Refused', 'no');
    const record = await settled(executionArn);
    expect(record).toMatchObject({ status: 'FAILED', error: 'Refused' });
  });

  it('rejects an unknown token and output that is not JSON', async () => {
    expect(() => executions.taskTokens.succeed('nope', '{}')).toThrow(
      expect.objectContaining({ type: 'TaskDoesNotExist' }),
    );
    const { executionArn } = await executions.start(
      ARN,
      'bad-output',
      JSON.stringify({ n: 3, timeoutSeconds: 30, delayMs: 0 }),
    );
    const token = await tokenFor(3);
    expect(() => executions.taskTokens.succeed(token, 'not json')).toThrow(
      expect.objectContaining({ type: 'InvalidOutput' }),
    );
    executions.stop(executionArn);
  });
});
