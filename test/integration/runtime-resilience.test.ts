import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStackProcess, type StackProcess } from '../../bench/local-stack-process.ts';
import { intakeBody, uniqueEmail } from '../../bench/sample-complaints.ts';
import { proofOfWorkHeaders } from '../support/proof-of-work.ts';

/**
 * Issue 16: the local runtime behaves like the managed services when an emulator fails. Its own
 * stack process (on disk, so a crashed DynamoDB Local comes back with its data; business time at
 * the tests' 3600×), since the faults here would disturb the shared stack's other tests.
 */
let stack: StackProcess;
let dataDirectory: string;

beforeAll(async () => {
  dataDirectory = mkdtempSync(join(tmpdir(), 'complaints-resilience-'));
  stack = await startStackProcess({ dataDirectory, slaTimeScale: 3600 });
});
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDirectory, { recursive: true, force: true });
});

/** The DynamoDB Local Java process the stack runs (a child of the stack process). */
const dynamoDbPid = (): number => {
  const children = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(stack.pid)]).toString();
  const line = children.split('\n').find((row) => row.includes('DynamoDBLocal.jar'));
  if (!line) throw new Error(`no DynamoDB Local among the stack's children:\n${children}`);
  return Number(line.trim().split(/\s+/u)[0]);
};

const submit = async (email: string, signal?: AbortSignal) =>
  fetch(`${stack.urls.api}/v1/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await proofOfWorkHeaders(stack.urls.api)) },
    body: JSON.stringify(intakeBody(email)),
    signal,
  });

const acknowledged = async (email: string): Promise<boolean> => {
  const { emails } = (await (await fetch(`${stack.urls.ses}/store`)).json()) as {
    emails: { destination: { to: string[] } }[];
  };
  return emails.some((mail) => mail.destination.to.includes(email));
};

const unhandled = () => stack.output.filter((line) => /unhandled rejection|uncaught exception/u.test(line));

describe('local runtime resilience', () => {
  it('restarts a killed DynamoDB Local by itself; a complaint submitted afterwards is accepted and acknowledged', async () => {
    const crashed = dynamoDbPid();
    process.kill(crashed, 'SIGKILL');
    const email = uniqueEmail('after-crash');
    // Requests during the restart fail (5xx); afterwards the same request is accepted.
    await expect.poll(async () => (await submit(email)).status, { timeout: 30_000, interval: 500 }).toBe(201);
    expect(dynamoDbPid()).not.toBe(crashed);
    expect(stack.output.some((line) => /DynamoDB Local exited .*restarting/u.test(line))).toBe(true);
    // The stream pollers resumed: the lifecycle started and mailed the acknowledgement.
    await expect.poll(() => acknowledged(email), { timeout: 30_000, interval: 500 }).toBe(true);
    expect(stack.alive()).toBe(true);
  }, 90_000);

  it('answers a request within the function timeout with a 5xx problem while DynamoDB Local is frozen', async () => {
    const created = await submit(uniqueEmail('before-freeze'));
    const { id, trackingToken } = (await created.json()) as { id: string; trackingToken: string };
    const java = dynamoDbPid();
    process.kill(java, 'SIGSTOP');
    try {
      const started = Date.now();
      // Before the fix the SDK only warned at its requestTimeout: this waited until SIGCONT.
      const response = await fetch(`${stack.urls.api}/v1/complaints/${id}`, {
        headers: { 'x-tracking-token': trackingToken },
        signal: AbortSignal.timeout(25_000),
      });
      expect(response.status).toBeGreaterThanOrEqual(500);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      // Within the API functions' 10 s timeout (and so well within API Gateway's 30 s).
      expect(Date.now() - started).toBeLessThan(13_000);
    } finally {
      process.kill(java, 'SIGCONT');
    }
    const after = await fetch(`${stack.urls.api}/v1/complaints/${id}`, {
      headers: { 'x-tracking-token': trackingToken },
    });
    expect(after.status).toBe(200);
  }, 60_000);

  it('stays up under a burst of 20 concurrent clients with business time at 3600×', async () => {
    const emails = Array.from({ length: 20 }, (_, n) => uniqueEmail(`burst-${n}`));
    const statuses = await Promise.all(emails.map(async (email) => (await submit(email)).status));
    expect(statuses).toEqual(emails.map(() => 201));
    for (const email of emails)
      await expect.poll(() => acknowledged(email), { timeout: 30_000, interval: 500 }).toBe(true);
    // Their lifecycles go on to the first-contact deadline (2 business hours: seconds here).
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(stack.alive()).toBe(true);
    expect(unhandled()).toEqual([]);
    expect((await submit(uniqueEmail('after-burst'))).status).toBe(201);
  }, 90_000);
});
