import { freePort } from '../local/ports.ts';
import { dynamoDbRestart } from './dynamodb-restart.ts';
import { startStackProcess } from './local-stack-process.ts';
import { section, type Section } from './report.ts';
import { uniqueEmail } from './sample-complaints.ts';
import { exactlyOnceTargets, faultPolicyEnv, invariantChecks, submitAll } from './fault-invariants.ts';
import { switchableProxy } from './switchable-proxy.ts';
import { dynamoDbFreeze } from './dynamodb-freeze.ts';
import { lifecycleDefinition, longestRetryWindow } from './retry-window.ts';
import { eventually } from './stack-client.ts';

/** The SES-outage stack's Retry waits (RETRY_AND_WAIT_MS). */
const SES_RETRY_AND_WAIT_MS = 500;

/** The stream consumer (StartLifecycle) fails every `every`-th invocation after it ran; retried whole. */
const streamConsumerCrash = async (complaints: number, every: number, result: Section) => {
  const stack = await startStackProcess({
    env: { LAMBDA_CRASH_EVERY: `StartLifecycle:${every}`, ...faultPolicyEnv() },
  });
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
  dynamoDbFreeze: { secondsBefore: number; freezeSeconds: number; stopped: number };
}): Promise<Section> => {
  const result = section('Faults');
  const proxyPort = await freePort();
  // Each Retry wait RETRY_AND_WAIT_MS, so that the SES outage outlasts every retry within the bench's
  // minutes (the deployed backoff allows ~15); the reconciler every 2 s re-drives what ran out.
  const stack = await startStackProcess({
    env: {
      LOCAL_SES_ENDPOINT: `http://127.0.0.1:${proxyPort}`,
      RETRY_AND_WAIT_MS: String(SES_RETRY_AND_WAIT_MS),
      RECONCILE_INTERVAL_SECONDS: '2',
      ...faultPolicyEnv(),
    },
  });
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
    // Down at least outageSeconds, and until every first execution has run out of its retries.
    const outlasted = await eventually(
      async () => {
        if (performance.now() - outageStarted < options.outageSeconds * 1000) return undefined;
        const ended = await checks.endedExecutions(acceptedDuringOutage);
        return ended.length === acceptedDuringOutage.length ? ended : undefined;
      },
      240_000,
      'every execution out of retries',
    ).catch(() => checks.endedExecutions(acceptedDuringOutage));
    const throughOutage = (await acks(outageEmails)).reduce((sum, count) => sum + count, 0);
    const outageSeconds = (performance.now() - outageStarted) / 1000;
    await proxy.up();
    const afterOutage = await invariants(outageEmails, acceptedDuringOutage, 300_000);
    const outageTwice = (await acks(outageEmails)).filter((count) => count > 1).length;
    const redrivenAfterOutage = await checks.redriven(acceptedDuringOutage);
    const window = longestRetryWindow(lifecycleDefinition(), SES_RETRY_AND_WAIT_MS);
    result.lines.push(
      `SES endpoint down past the retries (RETRY_AND_WAIT_MS=${SES_RETRY_AND_WAIT_MS}: the longest Retry, ${window.state}'s ${window.attempts} attempts, waits ${window.waitSeconds} s in all here, up to ${longestRetryWindow(lifecycleDefinition()).waitSeconds} s as deployed; RECONCILE_INTERVAL_SECONDS=2): ${outageEmails.length} more complaints submitted while the handlers' SES endpoint (a proxy in front of the emulator, LOCAL_SES_ENDPOINT) refused every connection, ${acceptedDuringOutage.length} accepted; it stayed down ${outageSeconds.toFixed(0)} s, until the first execution of ${outlasted.length} of them had ended, its SendAcknowledgement retries used up and the failure recorded on the complaint (the reconciler re-drove them meanwhile, and those failed too); ${throughOutage} mails got through meanwhile; after the endpoint came back, every acknowledgement had arrived within ${afterOutage.waitedSeconds.toFixed(0)} s, sent by the reconciler's re-drives (${redrivenAfterOutage.length} complaints with an execution \`<id>-r<n>\`); ${afterOutage.notExactlyOneAck} customers without exactly one acknowledgement mail, ${outageTwice} with two or more; ${afterOutage.notExactlyOneWorkflow} accepted complaints without exactly one first execution.`,
      '',
    );
    result.targets.push(
      {
        name: 'mails that got through the SES outage',
        value: String(throughOutage),
        target: '0',
        pass: throughOutage === 0,
      },
      {
        name: 'first executions that ran out of retries before SES came back',
        value: `${outlasted.length} of ${acceptedDuringOutage.length} (down ${outageSeconds.toFixed(0)} s)`,
        target: 'all',
        pass: outlasted.length === acceptedDuringOutage.length && outlasted.length > 0,
      },
      {
        name: 'complaints re-driven by the reconciler after the SES outage',
        value: `${redrivenAfterOutage.length} of ${acceptedDuringOutage.length}`,
        target: 'all',
        pass: redrivenAfterOutage.length === acceptedDuringOutage.length,
      },
      ...exactlyOnceTargets('SES outage', afterOutage, acceptedDuringOutage.length === outageEmails.length),
      {
        name: 'customers acknowledged twice or more (SES outage)',
        value: String(outageTwice),
        target: '0',
        pass: outageTwice === 0,
      },
    );
  } finally {
    checks.destroy();
    await proxy.down();
    await stack.stop();
  }
  await streamConsumerCrash(options.complaints, 2, result);
  await dynamoDbFreeze(options.dynamoDbFreeze, result);
  await dynamoDbRestart(options.dynamoDbRestart, result);
  return result;
};
