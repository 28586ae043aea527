import { ExecutionAbortedError, ExecutionError, StateMachine } from 'aws-local-stepfunctions';
import { randomUUID } from 'node:crypto';
import { invokeLambda, workflowTaskError } from '../lambda/invoke.ts';
import type { JsonFile } from '../json-file.ts';
import { localExecutionArn, localFunctionArn } from '../aws-local.ts';
import { adaptCallbackTasks, TIMEOUT_FIELD, withToken } from './callback-tasks.ts';
import { allStates, type LocalTaskFunction, type MachineDefinition } from './definition.ts';
import { assignedVariables, HELPER_STATE_PREFIX, translateJsonata } from './jsonata-states.ts';
import { ServiceError } from './service-error.ts';
import { TaskTokens } from './task-tokens.ts';

type EventLog =
  ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer Event> ? Event : never;

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

export interface HistoryEvent {
  id: number;
  timestamp: string;
  type: string;
  stateName?: string;
  error?: string;
  cause?: string;
  /** Only with `recordVariables`: the JSONata variables set when the state was entered. */
  variables?: Record<string, unknown>;
}

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  startDate: string;
  stopDate?: string;
  output?: string;
  error?: string;
  cause?: string;
  history: HistoryEvent[];
}

export { ServiceError };

export interface LocalExecutionsOptions {
  /**
   * Tests only: every Retry interval and Wait state lasts this many milliseconds instead of the
   * definition's (through aws-local-stepfunctions' own overrides, so the ASL stays as deployed), and a
   * test runs the retry paths in seconds. Unset, as in `npm start`, the definition's times apply.
   */
  retryAndWaitMs?: number;
  /**
   * Tests only: each StateEntered event carries the JSONata variables as they are on entering the
   * state (read from the translated machine's state data), so a test can compare them with AWS
   * semantics. Off in `npm start`: the history would carry the plan at every state.
   */
  recordVariables?: boolean;
}

/** The library's per-state overrides that make every Retry interval and Wait state last `ms`. */
const delayOverrides = (definition: MachineDefinition, ms: number | undefined) => {
  if (ms === undefined) return {};
  const states = allStates(definition);
  return {
    retryIntervalOverrides: Object.fromEntries(
      states.filter(([, state]) => Array.isArray(state.Retry)).map(([name]) => [name, ms]),
    ),
    waitTimeOverrides: Object.fromEntries(
      states.filter(([, state]) => state.Type === 'Wait').map(([name]) => [name, ms]),
    ),
  };
};

/** The variables among a translated machine's state data (where jsonata-states.ts keeps them). */
const variablesIn = (data: unknown, names: string[]): Record<string, unknown> => {
  const fields = (data ?? {}) as Record<string, unknown>;
  return Object.fromEntries(names.filter((name) => name in fields).map((name) => [name, fields[name]]));
};

export interface RegisteredStateMachine {
  arn: string;
  name: string;
  definition: MachineDefinition;
  /** Local functions standing in for the Lambda ARNs the definition names. */
  functions: LocalTaskFunction[];
}

const stateEventType = (event: EventLog): string | undefined => {
  if (!('state' in event)) return undefined;
  const phase = event.type.replace(/^State/u, '');
  return `${event.state.type}State${phase}`;
};

const toHistoryEvent = (event: EventLog, id: number): HistoryEvent => ({
  id,
  timestamp: new Date(event.timestamp).toISOString(),
  type: stateEventType(event) ?? event.type,
  ...('state' in event ? { stateName: event.state.name } : {}),
  ...('Error' in event ? { error: event.Error, cause: String(event.Cause) } : {}),
});

/**
 * Runs executions of registered state machines with aws-local-stepfunctions, Lambda tasks mapped to
 * local handlers. Execution records are kept on disk; executions still running when the runtime
 * stopped are started again from the beginning, which is safe because every task is idempotent.
 */
export class LocalExecutions {
  private readonly machines = new Map<string, RegisteredStateMachine>();
  /** Interpreters, built once per state machine: building one validates (compiles) the definition. */
  private readonly interpreters = new Map<
    string,
    {
      machine: StateMachine;
      callbackStates: Set<string>;
      delays: ReturnType<typeof delayOverrides>;
      variables: string[];
    }
  >();
  readonly taskTokens = new TaskTokens();
  private readonly aborts = new Map<string, () => void>();
  private readonly settled = new Map<string, Promise<void>>();
  /** History of running executions; persisted with the record when the execution ends. */
  private readonly liveHistory = new Map<string, HistoryEvent[]>();

  constructor(
    private readonly store: JsonFile<Record<string, ExecutionRecord>>,
    private readonly onError: (error: unknown) => void,
    private readonly options: LocalExecutionsOptions = {},
  ) {}

  register(machine: RegisteredStateMachine): void {
    this.machines.set(machine.arn, machine);
    const adapted = adaptCallbackTasks(translateJsonata(machine.definition));
    this.interpreters.set(machine.arn, {
      machine: new StateMachine(adapted.definition as never, { validationOptions: { checkArn: false } }),
      callbackStates: adapted.states,
      delays: delayOverrides(adapted.definition, this.options.retryAndWaitMs),
      variables: assignedVariables(machine.definition),
    });
  }

  get stateMachines(): RegisteredStateMachine[] {
    return [...this.machines.values()];
  }

  machine(arn: string): RegisteredStateMachine {
    const machine = this.machines.get(arn);
    if (!machine)
      throw new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  /** Resumes executions interrupted by a restart. */
  resumeInterrupted(): void {
    for (const record of Object.values(this.store.value)) {
      if (record.status === 'RUNNING' && this.machines.has(record.stateMachineArn)) this.run(record);
    }
  }

  /** Starts an execution; resolves once its record is durable, as StartExecution does in AWS. */
  async start(
    stateMachineArn: string,
    name: string | undefined,
    input: string | undefined,
  ): Promise<ExecutionRecord> {
    const machine = this.machine(stateMachineArn);
    const executionName = name ?? randomUUID();
    if (!/^[A-Za-z0-9_-]{1,80}$/u.test(executionName)) {
      throw new ServiceError('InvalidName', `Invalid Name: '${executionName}'`);
    }
    const executionInput = input ?? '{}';
    try {
      JSON.parse(executionInput);
    } catch {
      throw new ServiceError('InvalidExecutionInput', 'Invalid State Machine Execution Input');
    }
    const executionArn = localExecutionArn(machine.name, executionName);
    const existing = this.store.value[executionArn];
    if (existing) {
      // As in AWS: starting a running execution again with the same input is idempotent.
      if (existing.status === 'RUNNING' && existing.input === executionInput) return existing;
      throw new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn,
      name: executionName,
      status: 'RUNNING',
      input: executionInput,
      startDate: new Date().toISOString(),
      history: [],
    };
    const durable = this.store.update((records) => ({ ...records, [executionArn]: record }));
    this.run(record);
    await durable;
    return record;
  }

  describe(executionArn: string): ExecutionRecord {
    const record = this.store.value[executionArn];
    if (!record)
      throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }

  /** The execution's events so far: live while it runs (as GetExecutionHistory is in AWS), stored after. */
  history(executionArn: string): HistoryEvent[] {
    const record = this.describe(executionArn);
    return record.status === 'RUNNING' ? [...(this.liveHistory.get(executionArn) ?? [])] : record.history;
  }

  list(stateMachineArn: string, status?: ExecutionStatus): ExecutionRecord[] {
    return Object.values(this.store.value)
      .filter((record) => record.stateMachineArn === stateMachineArn && (!status || record.status === status))
      .toSorted((a, b) => b.startDate.localeCompare(a.startDate));
  }

  stop(executionArn: string, error?: string, cause?: string): ExecutionRecord {
    const record = this.describe(executionArn);
    if (record.status === 'RUNNING') {
      this.finish(executionArn, { status: 'ABORTED', error, cause });
      this.taskTokens.dropExecution(executionArn);
      this.aborts.get(executionArn)?.();
    }
    return this.describe(executionArn);
  }

  /** Resolves when every execution started so far has settled. */
  async drain(): Promise<void> {
    await Promise.allSettled(this.settled.values());
  }

  abortAll(): void {
    this.taskTokens.clear();
    for (const abort of this.aborts.values()) abort();
  }

  private finish(executionArn: string, change: Partial<ExecutionRecord>): void {
    const history = this.liveHistory.get(executionArn) ?? [];
    void this.store
      .update((records) => {
        const current = records[executionArn];
        if (!current || current.status !== 'RUNNING') return records;
        const stopDate = new Date().toISOString();
        return { ...records, [executionArn]: { ...current, ...change, stopDate, history: [...history] } };
      })
      .catch(this.onError);
  }

  private run(record: ExecutionRecord): void {
    const machine = this.machine(record.stateMachineArn);
    const interpreter = this.interpreters.get(machine.arn)!;
    const handlers = this.localHandlers(machine, interpreter.callbackStates, record.executionArn);
    const execution = interpreter.machine.run(JSON.parse(record.input) as never, {
      overrides: { taskResourceLocalHandlers: handlers, ...interpreter.delays },
      context: {
        Execution: {
          Id: record.executionArn,
          Name: record.name,
          Input: JSON.parse(record.input) as never,
          StartTime: record.startDate,
          RoleArn: 'arn:aws:iam::000000000000:role/local',
        },
        StateMachine: { Id: machine.arn, Name: machine.name },
      },
    });
    this.aborts.set(record.executionArn, execution.abort);

    const history: HistoryEvent[] = [];
    this.liveHistory.set(record.executionArn, history);
    const collectHistory = (async () => {
      for await (const event of execution.eventLogs) {
        // The Pass states that stand in for JSONata Assign exist only here: AWS has no such states.
        if ('state' in event && event.state.name.startsWith(HELPER_STATE_PREFIX)) continue;
        const recorded = toHistoryEvent(event, history.length + 1);
        if (this.options.recordVariables && event.type === 'StateEntered')
          recorded.variables = variablesIn(event.state.input, interpreter.variables);
        history.push(recorded);
      }
    })().catch(() => undefined);

    const settled = execution.result
      // The event log ends with the execution; give it a moment so the recorded history is complete.
      .finally(() => Promise.race([collectHistory, new Promise((resolve) => setTimeout(resolve, 100))]))
      .then(
        (output: unknown) =>
          this.finish(record.executionArn, { status: 'SUCCEEDED', output: JSON.stringify(output) }),
        (error: unknown) => {
          if (error instanceof ExecutionAbortedError) return;
          // The library wraps what failed the execution (a Fail state's error, an uncaught task error).
          const failure = (error instanceof ExecutionError ? error.cause : error) as {
            name?: string;
            message?: string;
          };
          this.finish(record.executionArn, {
            status: 'FAILED',
            error: failure.name ?? 'Error',
            cause: failure.message ?? String(error),
          });
        },
      )
      .catch(this.onError)
      .finally(() => {
        this.aborts.delete(record.executionArn);
        this.liveHistory.delete(record.executionArn);
      });
    this.settled.set(record.executionArn, settled);
  }

  private localHandlers(machine: RegisteredStateMachine, callbackStates: Set<string>, executionArn: string) {
    const byArn = new Map(machine.functions.map((fn) => [localFunctionArn(fn.name), fn]));
    const invoke = (arn: unknown, payload: unknown) => {
      const fn = typeof arn === 'string' ? byArn.get(arn) : undefined;
      if (!fn)
        throw Object.assign(new Error(`No local function for ${String(arn)}`), {
          name: 'Lambda.ResourceNotFoundException',
        });
      return invokeLambda(fn.name, fn.entry, payload).catch((error: unknown) => {
        throw workflowTaskError(error);
      });
    };
    const handlers: Record<string, (input: unknown) => Promise<never>> = {};
    for (const [stateName, state] of allStates(machine.definition)) {
      if (state.Type !== 'Task' || !state.Resource) continue;
      if (callbackStates.has(stateName)) {
        handlers[stateName] = (input) => this.runCallbackTask(executionArn, state.Resource!, input, invoke);
      } else if (byArn.has(state.Resource)) {
        handlers[stateName] = (input) => invoke(state.Resource, input) as Promise<never>;
      }
    }
    return handlers;
  }

  /** A `.waitForTaskToken` task: start the work with a fresh token, then wait for its answer or the timeout. */
  private async runCallbackTask(
    executionArn: string,
    resource: string,
    input: unknown,
    invoke: (arn: unknown, payload: unknown) => Promise<unknown>,
  ): Promise<never> {
    const { [TIMEOUT_FIELD]: timeout, ...parameters } = input as Record<string, unknown>;
    const timeoutSeconds = typeof timeout === 'number' && timeout > 0 ? timeout : undefined;
    if (!resource.startsWith('arn:aws:states:::lambda:invoke'))
      throw new Error(`Local callback tasks support lambda:invoke only, not ${resource}`);
    const { token, answer } = this.taskTokens.create(executionArn);
    const resolved = withToken(parameters, token) as Record<string, unknown>;
    // As in AWS, the task's timeout counts from its start, the function's invocation included.
    const task = Promise.resolve()
      .then(() => invoke(resolved.FunctionName, resolved.Payload))
      .then(() => answer);
    return (await this.taskTokens.answerWithin(token, timeoutSeconds, task)) as never;
  }
}
