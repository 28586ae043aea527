import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { freePort } from '../local/ports.ts';
import { localClientConfig } from '../local/aws-local.ts';
import { dynamoDbRestart } from './dynamodb-restart.ts';
import { startStackProcess, type StackProcess } from './local-stack-process.ts';
import { section, type Section } from './report.ts';
import { intakeBody, uniqueEmail } from './sample-complaints.ts';
import { eventually, sentEmails } from './stack-client.ts';
import { switchableProxy } from './switchable-proxy.ts';
import { proofOfWorkHeaders } from '../test/support/proof-of-work.ts';

/** Submits one complaint per email, 4 clients at a time; returns the accepted ids. */
const submitAll = async (stack: StackProcess, emails: readonly string[]): Promise<string[]> => {
  const accepted: string[] = [];
  await Promise.all(
    [0, 1, 2, 3].map(async (worker) => {
      for (let i = worker; i < emails.length; i += 4) {
        const response = await fetch(`${stack.urls.api}/v1/complaints`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(await proofOfWorkHeaders(stack.urls.api)) },
          body: JSON.stringify(intakeBody(emails[i]!, i)),
        });
        if (response.status === 201) accepted.push(((await response.json()) as { id: string }).id);
      }
    }),
  );
  return accepted;
};

/** Counts, on one stack, executions per complaint and acknowledgement mails per customer. */
const invariantChecks = (stack: StackProcess) => {
  const sfn = new SFNClient(localClientConfig(stack.urls.stepFunctions));
  const executionNames = async () => {
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(
        new ListExecutionsCommand({
          stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:complaint-lifecycle',
          nextToken,
        }),
      );
      names.push(...(page.executions ?? []).map((execution) => execution.name ?? ''));
      nextToken = page.nextToken;
    } while (nextToken);
    return names;
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
  return { acks, invariants, destroy: () => sfn.destroy() };
};

/**
 * A phase's two exactly-once invariants as target rows; a refused submission (not every complaint
 * accepted) fails the first.
 */
const exactlyOnceTargets = (
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

/** The stream consumer (StartLifecycle) fails every `every`-th invocation after it ran; retried whole. */
const streamConsumerCrash = async (complaints: number, every: number, result: Section) => {
  const stack = await startStackProcess({ env: { LAMBDA_CRASH_EVERY: `StartLifecycle:${every}` } });
  const checks = invariantChecks(stack);
  try {
    const emails = Array.from({ length: complaints }, () => uniqueEmail('consumer-crash'));
    const accepted = await submitAll(stack, emails);
    const after = await checks.invariants(emails, accepted, 300_000);
    const crashes = stack.output.filter((line) => line.includes('crashed (LAMBDA_CRASH_EVERY)')).length;
    result.lines.push(
      `Stream consumer crash (a fresh stack): ${emails.length} complaints submitted, ${accepted.length} accepted, while one invocation in ${every} of StartLifecycle failed after it had run (LAMBDA_CRASH_EVERY, local invoker), as a crash or timeout after starting the executions would; the stream poller retried each failed batch whole (${crashes} crashes logged); ${after.notExactlyOneWorkflow} accepted complaints without exactly one execution; ${after.notExactlyOneAck} customers without exactly one acknowledgement mail.`,
      '',
    );
    result.targets.push(
      {
        name: 'stream consumer crashes injected',
        value: String(crashes),
        target: '≥ 1',
        pass: crashes >= 1,
      },
      ...exactlyOnceTargets('consumer crash', after, accepted.length === emails.length),
    );
  } finally {
    checks.destroy();
    await stack.stop();
  }
};

/**
 * The invariants the fault scenarios must keep — every accepted complaint has exactly one workflow
 * and its acknowledgement is mailed exactly once — first without a fault (the baseline), then with
 * the SES endpoint down for a while (a proxy in front of the emulator, switched off and on), and
 * with the stream consumer failing after it ran; and that no accepted complaint is lost when DynamoDB
 * Local is killed and restarted mid-load.
 */
export const benchFaults = async (options: {
  complaints: number;
  outageSeconds: number;
  dynamoDbRestart: { secondsBefore: number; secondsAfter: number };
}): Promise<Section> => {
  const result = section('Faults');
  const proxyPort = await freePort();
  const stack = await startStackProcess({ env: { LOCAL_SES_ENDPOINT: `http://127.0.0.1:${proxyPort}` } });
  const proxy = switchableProxy(proxyPort, Number(new URL(stack.urls.ses).port));
  await proxy.up();
  const checks = invariantChecks(stack);
  try {
    const { acks, invariants } = checks;
    // Baseline, no fault.
    const emails = Array.from({ length: options.complaints }, () => uniqueEmail('faults'));
    const accepted = await submitAll(stack, emails);
    const baseline = await invariants(emails, accepted, 120_000);
    result.lines.push(
      `Baseline without a fault: ${emails.length} complaints submitted by 4 concurrent clients, ${accepted.length} accepted (201); ${baseline.notExactlyOneWorkflow} accepted complaints without exactly one execution; ${baseline.notExactlyOneAck} customers without exactly one acknowledgement mail.`,
      '',
    );
    result.targets.push(...exactlyOnceTargets('no fault', baseline, accepted.length === emails.length));

    // SES down: the handlers' SES endpoint refuses connections while the complaints come in.
    const outageEmails = Array.from({ length: options.complaints }, () => uniqueEmail('ses-outage'));
    await proxy.down();
    const outageStarted = performance.now();
    const acceptedDuringOutage = await submitAll(stack, outageEmails);
    await new Promise((resolve) => setTimeout(resolve, options.outageSeconds * 1000));
    const throughOutage = (await acks(outageEmails)).reduce((sum, count) => sum + count, 0);
    const outageSeconds = (performance.now() - outageStarted) / 1000;
    await proxy.up();
    const afterOutage = await invariants(outageEmails, acceptedDuringOutage, 600_000);
    result.lines.push(
      `SES endpoint down: ${outageEmails.length} more complaints submitted while the handlers' SES endpoint (a proxy in front of the emulator, LOCAL_SES_ENDPOINT) refused every connection for ${outageSeconds.toFixed(0)} s, ${acceptedDuringOutage.length} accepted; ${throughOutage} mails got through meanwhile; after the endpoint came back, every acknowledgement had arrived within ${afterOutage.waitedSeconds.toFixed(0)} s (the Send* states' Retry: 2 s doubling, full jitter); ${afterOutage.notExactlyOneAck} customers without exactly one acknowledgement mail; ${afterOutage.notExactlyOneWorkflow} accepted complaints without exactly one execution.`,
      '',
    );
    result.targets.push(
      {
        name: 'mails that got through the SES outage',
        value: String(throughOutage),
        target: '0',
        pass: throughOutage === 0,
      },
      ...exactlyOnceTargets('SES outage', afterOutage, acceptedDuringOutage.length === outageEmails.length),
    );
  } finally {
    checks.destroy();
    await proxy.down();
    await stack.stop();
  }
  await streamConsumerCrash(options.complaints, 2, result);
  await dynamoDbRestart(options.dynamoDbRestart, result);
  return result;
};
