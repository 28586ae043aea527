import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { localClientConfig } from '../local/aws-local.ts';
import type { StackProcess } from './local-stack-process.ts';

/** Polls until `find` returns something or the deadline passes. */
export const eventually = async <T>(
  find: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

export interface SentEmail {
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
}

export const sentEmails = async (stack: StackProcess): Promise<SentEmail[]> =>
  ((await (await fetch(`${stack.urls.ses}/store`)).json()) as { emails: SentEmail[] }).emails;

const executionArn = (complaintId: string) =>
  `arn:aws:states:us-east-1:000000000000:execution:complaint-lifecycle:${complaintId}`;

export const workflowClient = (stack: StackProcess) => {
  const sfn = new SFNClient(localClientConfig(stack.urls.stepFunctions));
  return {
    status: async (complaintId: string) =>
      (await sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(complaintId) }))).status,
    history: async (complaintId: string): Promise<HistoryEvent[]> =>
      (await sfn.send(new GetExecutionHistoryCommand({ executionArn: executionArn(complaintId) }))).events ??
      [],
    destroy: () => sfn.destroy(),
  };
};

/** A staff member calling the API with a token from the local issuer. */
export const staffApi = (stack: StackProcess, token: string) => {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${stack.urls.api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return {
    call,
    /**
     * Loads the case (as the console does) and performs `action` on its current version, loading
     * again when the workflow changed it in between (409). Returns the attempts it took.
     */
    act: async (id: string, action: Record<string, unknown>): Promise<number> => {
      for (let attempt = 1; ; attempt += 1) {
        const current = await call('GET', `/v1/staff/complaints/${id}`);
        const result = await call('POST', `/v1/staff/complaints/${id}/actions`, {
          ...action,
          expectedVersion: current.body.version,
        });
        if (result.status < 300) return attempt;
        if (result.status !== 409 || attempt >= 5)
          throw new Error(`${String(action.type)} answered ${result.status}: ${JSON.stringify(result.body)}`);
      }
    },
  };
};
