import { ListExecutionsCommand, SFNClient, type ExecutionListItem } from '@aws-sdk/client-sfn';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localClientConfig } from '../local/aws-local.ts';
import { REPO_ROOT } from '../local/paths.ts';
import type { StackProcess } from './local-stack-process.ts';
import type { Section } from './report.ts';
import { intakeBody, postComplaint } from './sample-complaints.ts';
import { eventually, sentEmails } from './stack-client.ts';

/** Submits one complaint per email, 4 clients at a time; returns the accepted ids. */
export const submitAll = async (stack: StackProcess, emails: readonly string[]): Promise<string[]> => {
  const accepted: string[] = [];
  await Promise.all(
    [0, 1, 2, 3].map(async (worker) => {
      for (let i = worker; i < emails.length; i += 4) {
        const response = await postComplaint(stack.urls.api, intakeBody(emails[i]!, i));
        if (response.status === 201) accepted.push(((await response.json()) as { id: string }).id);
      }
    }),
  );
  return accepted;
};

/**
 * The policy with the per-client-IP hourly limit lifted, for the fault stacks: every bench client
 * posts from 127.0.0.1, and the limit (policy `limits`, 60 an hour) is not what they measure.
 */
export const faultPolicyEnv = (): { POLICY_FILE: string } => {
  const policy = JSON.parse(readFileSync(join(REPO_ROOT, 'policy/complaint-policy.json'), 'utf8')) as {
    limits: Record<string, number>;
  };
  const file = join(mkdtempSync(join(tmpdir(), 'complaints-faults-')), 'policy.json');
  writeFileSync(
    file,
    JSON.stringify({ ...policy, limits: { ...policy.limits, complaintsPerSourceIpPerHour: 1_000_000 } }),
  );
  return { POLICY_FILE: file };
};

/** Counts, on one stack, executions per complaint and acknowledgement mails per customer. */
export const invariantChecks = (stack: StackProcess) => {
  const sfn = new SFNClient(localClientConfig(stack.urls.stepFunctions));
  const executions = async () => {
    const found: ExecutionListItem[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(
        new ListExecutionsCommand({
          stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:complaint-lifecycle',
          nextToken,
        }),
      );
      found.push(...(page.executions ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return found;
  };
  const executionNames = async () => (await executions()).map((execution) => execution.name ?? '');
  /** How many executions are in each status (RUNNING, FAILED, …). */
  const executionStatuses = async (): Promise<Partial<Record<string, number>>> => {
    const counts: Partial<Record<string, number>> = {};
    for (const { status = 'UNKNOWN' } of await executions()) counts[status] = (counts[status] ?? 0) + 1;
    return counts;
  };
  const acks = async (emails: readonly string[]) => {
    const mails = await sentEmails(stack);
    return emails.map((email) => mails.filter((mail) => mail.destination.to.includes(email)).length);
  };
  /** Waits for every acknowledgement (or `timeoutMs`), then counts workflows and mails per complaint. */
  const invariants = async (emails: readonly string[], accepted: readonly string[], timeoutMs: number) => {
    const started = performance.now();
    await eventually(
      async () => ((await acks(emails)).every((count) => count >= 1) ? true : undefined),
      timeoutMs,
      'every acknowledgement',
    ).catch(() => undefined);
    const waitedSeconds = (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 2000)); // would a duplicate follow?
    const names = await executionNames();
    return {
      waitedSeconds,
      notExactlyOneWorkflow: accepted.filter((id) => names.filter((name) => name === id).length !== 1).length,
      notExactlyOneAck: (await acks(emails)).filter((count) => count !== 1).length,
    };
  };
  /** Executions of re-driven lifecycles (`<id>-r<n>`), by complaint id. */
  const redriven = async (ids: readonly string[]) => {
    const names = await executionNames();
    return ids.filter((id) => names.some((name) => name.startsWith(`${id}-r`)));
  };
  /** Of these complaints, those whose first execution (named after it) has ended. */
  const endedExecutions = async (ids: readonly string[]) => {
    const ended = new Set(
      (await executions()).filter((e) => e.status !== 'RUNNING').map((e) => e.name ?? ''),
    );
    return ids.filter((id) => ended.has(id));
  };
  return {
    acks,
    invariants,
    executionNames,
    executionStatuses,
    endedExecutions,
    redriven,
    destroy: () => sfn.destroy(),
  };
};

/**
 * A phase's two exactly-once invariants as target rows; a refused submission (not every complaint
 * accepted) fails the first.
 */
export const exactlyOnceTargets = (
  phase: string,
  counts: { notExactlyOneWorkflow: number; notExactlyOneAck: number },
  allAccepted: boolean,
): Section['targets'] => [
  {
    name: `accepted complaints without exactly one workflow (${phase})`,
    value: String(counts.notExactlyOneWorkflow),
    target: '0',
    pass: counts.notExactlyOneWorkflow === 0 && allAccepted,
  },
  {
    name: `acknowledgements not delivered exactly once (${phase})`,
    value: String(counts.notExactlyOneAck),
    target: '0',
    pass: counts.notExactlyOneAck === 0,
  },
];
