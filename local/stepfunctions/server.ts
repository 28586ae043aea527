import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { LocalExecutions } from './executions.ts';
import type { ExecutionRecord, ExecutionStatus } from './executions.ts';
import { ServiceError } from './service-error.ts';

const epochSeconds = (iso: string | undefined) => (iso ? Date.parse(iso) / 1000 : undefined);

const describeExecution = (record: ExecutionRecord) => ({
  executionArn: record.executionArn,
  stateMachineArn: record.stateMachineArn,
  name: record.name,
  status: record.status,
  startDate: epochSeconds(record.startDate),
  stopDate: epochSeconds(record.stopDate),
  input: record.input,
  output: record.output,
  error: record.error,
  cause: record.cause,
});

type Operation = (executions: LocalExecutions, body: Record<string, unknown>) => unknown;

const str = (body: Record<string, unknown>, key: string): string | undefined =>
  typeof body[key] === 'string' ? body[key] : undefined;

const required = (body: Record<string, unknown>, key: string): string => {
  const value = str(body, key);
  if (!value) throw new ServiceError('ValidationException', `${key} is required`);
  return value;
};

/** The Step Functions operations the handlers and tests use, in the AWS JSON 1.0 protocol. */
const OPERATIONS: Record<string, Operation> = {
  StartExecution: async (executions, body) => {
    const record = await executions.start(
      required(body, 'stateMachineArn'),
      str(body, 'name'),
      str(body, 'input'),
    );
    return { executionArn: record.executionArn, startDate: epochSeconds(record.startDate) };
  },
  DescribeExecution: (executions, body) =>
    describeExecution(executions.describe(required(body, 'executionArn'))),
  StopExecution: (executions, body) => {
    const record = executions.stop(required(body, 'executionArn'), str(body, 'error'), str(body, 'cause'));
    return { stopDate: epochSeconds(record.stopDate) };
  },
  SendTaskSuccess: (executions, body) => {
    executions.taskTokens.succeed(required(body, 'taskToken'), required(body, 'output'));
    return {};
  },
  SendTaskFailure: (executions, body) => {
    executions.taskTokens.fail(required(body, 'taskToken'), str(body, 'error'), str(body, 'cause'));
    return {};
  },
  SendTaskHeartbeat: (executions, body) => {
    executions.taskTokens.heartbeat(required(body, 'taskToken'));
    return {};
  },
  ListExecutions: (executions, body) => ({
    executions: executions
      .list(required(body, 'stateMachineArn'), str(body, 'statusFilter') as ExecutionStatus | undefined)
      .map(({ input: _input, output: _output, error: _error, cause: _cause, ...summary }) => ({
        executionArn: summary.executionArn,
        stateMachineArn: summary.stateMachineArn,
        name: summary.name,
        status: summary.status,
        startDate: epochSeconds(summary.startDate),
        stopDate: epochSeconds(summary.stopDate),
      })),
  }),
  GetExecutionHistory: (executions, body) => ({
    events: executions.history(required(body, 'executionArn')).map((event) => ({
      id: event.id,
      previousEventId: event.id - 1,
      timestamp: epochSeconds(event.timestamp),
      type: event.type,
      ...(event.stateName ? { stateEnteredEventDetails: { name: event.stateName } } : {}),
      ...(event.error ? { executionFailedEventDetails: { error: event.error, cause: event.cause } } : {}),
    })),
  }),
  ListStateMachines: (executions) => ({
    stateMachines: executions.stateMachines.map((machine) => ({
      stateMachineArn: machine.arn,
      name: machine.name,
      type: 'STANDARD',
      creationDate: 0,
    })),
  }),
  DescribeStateMachine: (executions, body) => {
    const machine = executions.machine(required(body, 'stateMachineArn'));
    return {
      stateMachineArn: machine.arn,
      name: machine.name,
      status: 'ACTIVE',
      definition: JSON.stringify(machine.definition),
      roleArn: 'arn:aws:iam::000000000000:role/local',
      type: 'STANDARD',
      creationDate: 0,
    };
  },
};

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** An HTTP endpoint speaking the Step Functions protocol, so handlers use the real @aws-sdk/client-sfn. */
export const createStepFunctionsServer = (executions: LocalExecutions): Server =>
  createServer((request, response) => {
    const send = (status: number, payload: unknown, errorType?: string) => {
      response.writeHead(status, {
        'content-type': 'application/x-amz-json-1.0',
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      });
      response.end(JSON.stringify(payload));
    };
    void (async () => {
      const target = request.headers['x-amz-target'];
      const operationName = typeof target === 'string' ? target.replace(/^AWSStepFunctions\./u, '') : '';
      const operation = OPERATIONS[operationName];
      if (request.method !== 'POST' || !operation) {
        return send(400, { __type: 'UnknownOperationException', message: `Unsupported: ${String(target)}` });
      }
      try {
        const raw = await readBody(request);
        const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
        send(200, await operation(executions, body));
      } catch (error) {
        if (error instanceof ServiceError) {
          send(error.statusCode, { __type: error.type, message: error.message }, error.type);
        } else {
          send(500, { __type: 'InternalFailure', message: (error as Error).message });
        }
      }
    })();
  });
