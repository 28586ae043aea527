import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { localClientConfig, localExecutionArn } from '../local/aws-local.ts';
import { missingComplaints } from './dynamodb-restart.ts';
import { faultPolicyEnv, invariantChecks, submitAll } from './fault-invariants.ts';
import { startStackProcess, type StackProcess } from './local-stack-process.ts';
import type { Section } from './report.ts';
import { lifecycleDefinition, longestRetryWindow } from './retry-window.ts';
import { intakeBody, postComplaint, uniqueEmail } from './sample-complaints.ts';
import { eventually } from './stack-client.ts';
import { statusCounts, type RequestOutcome } from './status-counts.ts';

const CLIENTS = 4;
/** The local gateway answers 503 at API Gateway's 30 s integration timeout; later than this is a hang. */
const HANG_MS = 30_500;
/** The bench stack's workflow delays (RETRY_AND_WAIT_MS) and reconciler interval. */
const RETRY_AND_WAIT_MS = 500;
const RECONCILE_INTERVAL_SECONDS = 2;
/** Business time one hour per second: the reconciler's grace (20 min, 60 min) passes in about a second. */
const SLA_TIME_SCALE = 3600;

/** The DynamoDB Local Java process the stack process started (its child running DynamoDBLocal.jar). */
const dynamoDbLocalPid = (stackPid: number): number => {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parentPid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (
        parentPid === stackPid &&
        readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('DynamoDBLocal.jar')
      )
        return Number(entry);
    } catch {
      // the process ended meanwhile
    }
  }
  throw new Error('no DynamoDB Local process under the stack process (Linux /proc only)');
};

interface Request {
  email: string;
  outcome: RequestOutcome;
  id?: string;
  ms: number;
}

const submitOne = async (stack: StackProcess, requests: Request[], n: number) => {
  const email = uniqueEmail('dynamodb-freeze');
  const started = performance.now();
  let outcome: RequestOutcome = 'no response';
  let id: string | undefined;
  try {
    const response = await postComplaint(stack.urls.api, intakeBody(email, n), {
      idempotencyKey: randomUUID(),
      signal: AbortSignal.timeout(HANG_MS + 5_000),
    });
    const body = (await response.json()) as { id?: string };
    outcome = response.status;
    id = body.id;
  } catch {
    // counted as no response
  }
  requests.push({ email, outcome, id, ms: performance.now() - started });
};

/**
 * DynamoDB Local frozen (SIGSTOP: the process keeps its sockets and answers nothing, as a hung
 * dependency does, not a refused one) for longer than the workflow's longest retry window while
 * clients submit, then thawed (SIGCONT): no request may hang past the gateway's 30 s, no accepted
 * complaint may be lost, and every accepted complaint must get exactly one acknowledgement, the
 * lifecycles whose retries ran out re-driven by the reconciler. Then the reconciler alone: running
 * executions stopped (StopExecution, as an operator or a failed redrive would), each must be re-driven.
 */
export const dynamoDbFreeze = async (
  options: { secondsBefore: number; freezeSeconds: number; stopped: number },
  result: Section,
): Promise<void> => {
  const stack = await startStackProcess({
    slaTimeScale: SLA_TIME_SCALE,
    env: {
      RETRY_AND_WAIT_MS: String(RETRY_AND_WAIT_MS),
      RECONCILE_INTERVAL_SECONDS: String(RECONCILE_INTERVAL_SECONDS),
      ...faultPolicyEnv(),
    },
  });
  const checks = invariantChecks(stack);
  const sfn = new SFNClient(localClientConfig(stack.urls.stepFunctions));
  const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  try {
    const deployed = longestRetryWindow(lifecycleDefinition());
    const local = longestRetryWindow(lifecycleDefinition(), RETRY_AND_WAIT_MS);
    const javaPid = dynamoDbLocalPid(stack.pid);

    const requests: Request[] = [];
    let loading = true;
    let sent = 0;
    const started = performance.now();
    const load = Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (loading) await submitOne(stack, requests, (sent += 1));
      }),
    );
    await sleep(options.secondsBefore);
    const failedBefore = (await checks.executionStatuses()).FAILED ?? 0;
    process.kill(javaPid, 'SIGSTOP');
    const frozenAt = performance.now();
    let lastFailureSeconds = 0;
    let failedWhileFrozen = 0;
    try {
      // Watch executions end for good while frozen (the Step Functions endpoint is in the stack process).
      while (performance.now() - frozenAt < options.freezeSeconds * 1000) {
        await sleep(1);
        const failed = ((await checks.executionStatuses()).FAILED ?? 0) - failedBefore;
        if (failed > failedWhileFrozen) {
          failedWhileFrozen = failed;
          lastFailureSeconds = (performance.now() - frozenAt) / 1000;
        }
      }
    } finally {
      process.kill(javaPid, 'SIGCONT');
    }
    const frozenSeconds = (performance.now() - frozenAt) / 1000;
    // Clients go on after the thaw until one is accepted again (or 60 s).
    const requestsAtThaw = requests.length;
    await eventually(
      () => Promise.resolve(requests.slice(requestsAtThaw).some((r) => r.outcome === 201) ? true : undefined),
      60_000,
      'a complaint accepted after the thaw',
    ).catch(() => undefined);
    loading = false;
    await load;
    const loadSeconds = (performance.now() - started) / 1000;

    const accepted = requests.filter((r) => r.outcome === 201);
    const acceptedEmails = accepted.map((r) => r.email);
    const acceptedIds = accepted.map((r) => r.id ?? '');
    const after = await checks.invariants(acceptedEmails, acceptedIds, 240_000);
    const ackCounts = await checks.acks(acceptedEmails);
    const twice = ackCounts.filter((count) => count > 1).length;
    const lost = await missingComplaints(stack.urls.dynamoDb, acceptedIds);
    const redriven = await checks.redriven(acceptedIds);
    const hung = requests.filter((r) => r.outcome === 'no response' || r.ms > HANG_MS).length;
    const serverErrors = requests.filter((r) => typeof r.outcome === 'number' && r.outcome >= 500);
    const clientErrors = requests.filter(
      (r) => typeof r.outcome === 'number' && r.outcome >= 400 && r.outcome < 500,
    ).length;
    // A submission refused with a 5xx whose write DynamoDB Local still carried out after the thaw.
    const refusedButAcknowledged = (await checks.acks(serverErrors.map((r) => r.email))).filter(
      (count) => count > 0,
    ).length;
    const slowest = Math.max(...requests.map((r) => r.ms)) / 1000;

    result.lines.push(
      `DynamoDB Local frozen (a fresh stack, in memory; RETRY_AND_WAIT_MS=${RETRY_AND_WAIT_MS}, RECONCILE_INTERVAL_SECONDS=${RECONCILE_INTERVAL_SECONDS}, SLA_TIME_SCALE=${SLA_TIME_SCALE}): ${CLIENTS} clients posted complaints for ${loadSeconds.toFixed(0)} s; after ${options.secondsBefore} s the Java process (pid ${javaPid}) was stopped with SIGSTOP — it keeps its sockets and answers nothing — for ${frozenSeconds.toFixed(0)} s, then continued with SIGCONT. The longest Retry in statemachines/complaint-lifecycle.asl.json (${deployed.state}: ${deployed.attempts} attempts) waits up to ${deployed.waitSeconds} s as deployed; the bench stack makes each of its waits ${RETRY_AND_WAIT_MS} ms (${local.waitSeconds} s in all, plus the attempts themselves), so that a freeze outlasts it within minutes: ${failedWhileFrozen} executions ran out of retries while frozen (the last ${lastFailureSeconds.toFixed(0)} s into the freeze, ${(frozenSeconds - lastFailureSeconds).toFixed(0)} s before the thaw). ${requests.length} requests: ${statusCounts(requests.map((r) => r.outcome))}; slowest answer ${slowest.toFixed(1)} s; ${hung} without an answer within 30 s. ${accepted.length} accepted (201): ${lost.length} missing afterwards (strongly consistent BatchGetItem); every acknowledgement had arrived ${after.waitedSeconds.toFixed(0)} s after the load ended; ${after.notExactlyOneAck} without exactly one acknowledgement mail, ${twice} acknowledged twice or more; the reconciler re-drove ${redriven.length} of their lifecycles (an execution \`<id>-r<n>\`). ${refusedButAcknowledged} of the ${serverErrors.length} submissions answered 5xx were stored nonetheless (their write reached DynamoDB Local before it froze and was carried out after it continued) and acknowledged; the client was told to send again with the same Idempotency-Key, which returns that complaint.`,
      '',
    );
    result.targets.push(
      {
        name: 'executions that ran out of retries while DynamoDB Local was frozen',
        value: `${failedWhileFrozen} (frozen ${frozenSeconds.toFixed(0)} s)`,
        target: '≥ 1',
        pass: failedWhileFrozen >= 1,
      },
      {
        name: 'requests without an answer within 30 s (DynamoDB frozen)',
        value: String(hung),
        target: '0',
        pass: hung === 0,
      },
      {
        name: 'requests answered 4xx (DynamoDB frozen)',
        value: `${clientErrors} (5xx: ${serverErrors.length}, allowed)`,
        target: '0',
        pass: clientErrors === 0,
      },
      {
        name: 'accepted complaints lost (DynamoDB frozen)',
        value: `${lost.length} of ${accepted.length}`,
        target: '0',
        pass: lost.length === 0 && accepted.length > 0,
      },
      {
        name: 'accepted complaints without exactly one acknowledgement (DynamoDB frozen)',
        value: String(after.notExactlyOneAck),
        target: '0',
        pass: after.notExactlyOneAck === 0,
      },
      {
        name: 'accepted complaints acknowledged twice (DynamoDB frozen)',
        value: String(twice),
        target: '0',
        pass: twice === 0,
      },
      {
        name: 'lifecycles re-driven by the reconciler (DynamoDB frozen)',
        value: String(redriven.length),
        target: '≥ 1',
        pass: redriven.length >= 1,
      },
    );

    // The reconciler alone: executions parked at the first human stage are stopped.
    const emails = Array.from({ length: options.stopped }, () => uniqueEmail('reconciler'));
    const ids = await submitAll(stack, emails);
    await checks.invariants(emails, ids, 60_000);
    const stopStarted = performance.now();
    for (const id of ids)
      await sfn.send(
        new StopExecutionCommand({
          executionArn: localExecutionArn('complaint-lifecycle', id),
          error: 'Bench.Stopped',
          cause: 'the fault bench stopped it',
        }),
      );
    const redrivenAfterStop = await eventually(
      async () => {
        const found = await checks.redriven(ids);
        return found.length === ids.length ? found : undefined;
      },
      120_000,
      'every stopped lifecycle re-driven',
    ).catch(async () => checks.redriven(ids));
    const redriveSeconds = (performance.now() - stopStarted) / 1000;
    const stopCounts = await checks.invariants(emails, ids, 10_000);
    const stopTwice = (await checks.acks(emails)).filter((count) => count > 1).length;
    result.lines.push(
      `Reconciler re-drive (same stack): ${emails.length} complaints submitted, ${ids.length} accepted and acknowledged; then each one's execution, waiting at the first human stage, was stopped (StopExecution on the local Step Functions endpoint: ABORTED). The reconciler (every ${RECONCILE_INTERVAL_SECONDS} s) re-drove ${redrivenAfterStop.length} of them within ${redriveSeconds.toFixed(0)} s as \`<id>-r1\`, which skip what is done and wait at the stage again; ${stopCounts.notExactlyOneAck} customers without exactly one acknowledgement mail, ${stopTwice} acknowledged twice.`,
      '',
    );
    result.targets.push(
      {
        name: 'stopped lifecycles re-driven by the reconciler',
        value: `${redrivenAfterStop.length} of ${ids.length}`,
        target: 'all',
        pass: redrivenAfterStop.length === ids.length && ids.length === emails.length,
      },
      {
        name: 'acknowledgements not delivered exactly once (reconciler re-drive)',
        value: `${stopCounts.notExactlyOneAck} (twice: ${stopTwice})`,
        target: '0',
        pass: stopCounts.notExactlyOneAck === 0,
      },
    );
  } finally {
    sfn.destroy();
    checks.destroy();
    await stack.stop();
  }
};
