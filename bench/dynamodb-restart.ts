import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchGetItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { itemKeys } from '../functions/adapters/table.ts';
import { localClientConfig } from '../local/aws-local.ts';
import { faultPolicyEnv } from './fault-invariants.ts';
import { startStackProcess } from './local-stack-process.ts';
import type { Section } from './report.ts';
import { intakeBody, postComplaint, uniqueEmail } from './sample-complaints.ts';
import { eventually } from './stack-client.ts';
import { statusCounts, type RequestOutcome } from './status-counts.ts';

const CONCURRENCY = 8;
const RESTARTED = /DynamoDB Local restarted, down (\d+) ms/u;

/** Which of these complaint ids have no complaint item (strongly consistent reads, 100 keys a call). */
export const missingComplaints = async (endpoint: string, ids: readonly string[]): Promise<string[]> => {
  const client = new DynamoDBClient(localClientConfig(endpoint));
  const found = new Set<string>();
  try {
    for (let i = 0; i < ids.length; i += 100) {
      let keys = ids.slice(i, i + 100).map((id) => {
        const key = itemKeys.complaint(id);
        return { pk: { S: key.pk }, sk: { S: key.sk } };
      });
      while (keys.length > 0) {
        const page = await client.send(
          new BatchGetItemCommand({
            RequestItems: { complaints: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'id' } },
          }),
        );
        for (const item of page.Responses?.complaints ?? []) found.add(item.id?.S ?? '');
        keys = (page.UnprocessedKeys?.complaints?.Keys ?? []) as typeof keys;
      }
    }
  } finally {
    client.destroy();
  }
  return ids.filter((id) => !found.has(id));
};

/**
 * DynamoDB Local killed (SIGKILL, as a crash) and started again on the same port and data directory
 * while complaints come in at a steady concurrency: requests meanwhile must fail cleanly, and every
 * complaint answered 201 must be stored afterwards. Nothing is retried.
 */
export const dynamoDbRestart = async (
  options: { secondsBefore: number; secondsAfter: number },
  result: Section,
): Promise<void> => {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'complaints-bench-data-'));
  const stack = await startStackProcess({
    workflows: false,
    dataDirectory,
    env: { RESTART_DYNAMODB_ON_SIGUSR2: '1', ...faultPolicyEnv() },
  });
  const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  try {
    const requests: { outcome: RequestOutcome; sentAt: number; answeredAt: number }[] = [];
    const accepted: string[] = [];
    const submit = async (n: number): Promise<void> => {
      const sentAt = performance.now();
      let outcome: RequestOutcome = 'no response';
      try {
        const response = await postComplaint(stack.urls.api, intakeBody(uniqueEmail('dynamodb-restart'), n), {
          idempotencyKey: randomUUID(),
          signal: AbortSignal.timeout(30_000),
        });
        const body = (await response.json()) as { id?: string };
        outcome = response.status;
        if (outcome === 201) accepted.push(body.id ?? '');
      } catch {
        // counted as no response
      }
      requests.push({ outcome, sentAt, answeredAt: performance.now() });
    };
    let sent = 0;
    let loading = true;
    const started = performance.now();
    const load = Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (loading) await submit((sent += 1));
      }),
    );
    await sleep(options.secondsBefore);
    const killedAt = performance.now();
    stack.signal('SIGUSR2');
    const restartLine = await eventually(
      () => Promise.resolve(stack.output.find((line) => RESTARTED.test(line))),
      60_000,
      'DynamoDB Local restarted',
    );
    const backAt = performance.now();
    const outageSeconds = Number(RESTARTED.exec(restartLine)![1]) / 1000;
    await sleep(options.secondsAfter);
    loading = false;
    await load;
    const loadSeconds = (performance.now() - started) / 1000;

    const outcomes = requests.map((request) => request.outcome);
    const failed = requests.filter((request) => request.outcome !== 201);
    const failedBefore = failed.filter((request) => request.answeredAt < killedAt).length;
    const failedAfter = failed.filter((request) => request.sentAt > backAt).length;
    const failedDuring = failed.length - failedBefore - failedAfter;
    const acceptedAfter = requests.filter(
      (request) => request.sentAt > backAt && request.outcome === 201,
    ).length;
    // A backend outage may answer 5xx; no answer at all, or a 4xx blaming the client, is not clean.
    const unclean = outcomes.filter(
      (outcome) => outcome === 'no response' || (outcome >= 400 && outcome < 500),
    ).length;
    const lost = await missingComplaints(stack.urls.dynamoDb, accepted);
    result.lines.push(
      `DynamoDB Local restarted mid-load (a fresh stack on disk in a temporary DATA_DIR, without workflows): ${CONCURRENCY} clients posted complaints (unique bodies and Idempotency-Keys) for ${loadSeconds.toFixed(0)} s; after ${options.secondsBefore} s the Java process was killed (SIGKILL, as a crash) and started again on the same port and data directory (RESTART_DYNAMODB_ON_SIGUSR2), down ${outageSeconds.toFixed(1)} s; the load went on ${options.secondsAfter} s after it was back. ${requests.length} requests: ${statusCounts(outcomes)}; failed: ${failedBefore} before the kill, ${failedDuring} while it was down, ${failedAfter} after it was back (${acceptedAfter} accepted after it was back); nothing retried. ${accepted.length} accepted (201), checked afterwards with strongly consistent BatchGetItem on their complaint keys: ${lost.length} missing.`,
      '',
    );
    result.targets.push(
      {
        name: 'accepted complaints lost (DynamoDB Local restart)',
        value: `${lost.length} of ${accepted.length}`,
        target: '0',
        pass: lost.length === 0 && accepted.length > 0,
      },
      {
        name: 'requests without a response or with a 4xx (DynamoDB Local restart)',
        value: String(unclean),
        target: '0 (a 5xx is a clean failure)',
        pass: unclean === 0,
      },
      {
        name: 'requests failed while DynamoDB Local was down',
        value: `${failedDuring} (down ${outageSeconds.toFixed(1)} s)`,
        target: '≥ 1',
        pass: failedDuring >= 1,
      },
      {
        name: 'requests failed before the kill or after DynamoDB Local was back',
        value: `${failedBefore + failedAfter} (${acceptedAfter} accepted after)`,
        target: '0, ≥ 1 accepted after',
        pass: failedBefore + failedAfter === 0 && acceptedAfter >= 1,
      },
    );
  } finally {
    await stack.stop();
    rmSync(dataDirectory, { recursive: true, force: true });
  }
};
