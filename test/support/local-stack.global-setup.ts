import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { TestProject } from 'vitest/node';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devKeys } from '../../local/auth/dev-keys.ts';
import { freePort } from '../../local/ports.ts';
import { LOCAL_INBOUND_DOMAIN } from '../../local/aws-local.ts';
import { defaultPolicyDocument } from './policy.ts';
import { linesWithContactDetails } from './log-privacy.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    sesUrl: string;
    s3Url: string;
    /** The SMTP endpoint standing in for SES receiving, and the domain it takes mail for. */
    smtpPort: number;
    inboundDomain: string;
    stepFunctionsUrl: string;
    dynamoDbUrl: string;
    slaTimeScale: number;
    slaClockEpochMs: number;
    devAuthKeyFile: string;
    policyFile: string;
  }
}

const STARTUP_TIMEOUT_MS = 90_000;
/** One hour of business time per real second: an L1 first-response deadline (2 h) passes in 2 s. */
export const TEST_SLA_TIME_SCALE = 3600;
/**
 * Follow-up at that speed: the survey 2 h (2 s) after resolution, the reminder 6 h (6 s) after the
 * survey, the window closing after 12 h (12 s).
 */
export const TEST_FOLLOW_UP = {
  surveyDelay: { hours: 2 },
  reminderAfter: { hours: 6 },
  surveyWindow: { hours: 12 },
  reopenWindow: { hours: 3 },
};

/**
 * The whole suite posts from 127.0.0.1, many times for the fixtures' few addresses: the intake limits
 * stay out of its way (test/integration/limits.test.ts checks them with its own policy). Customer
 * messages keep their default bound, which the contention test meets.
 */
export const TEST_INTAKE_LIMITS = {
  complaintsPerAddressPerHour: 100_000,
  complaintsPerSourceIpPerHour: 100_000,
  // A token proof of work (a few milliseconds a submission): the suite submits hundreds.
  proofOfWorkMaxCounter: 1000,
};

/**
 * Starts the local stack exactly as `npm start -- --in-memory` does, on free ports, and stops it
 * (SIGTERM) after the run.
 */
export default async function setup(project: TestProject) {
  const ports = {
    PORT: await freePort(),
    SES_PORT: await freePort(),
    DYNAMODB_PORT: await freePort(),
    SFN_PORT: await freePort(),
    S3_PORT: await freePort(),
    SMTP_PORT: await freePort(),
  };
  const slaClockEpochMs = Date.now();
  // One signing key for the stack and the tests' tokens, made before either starts.
  const runDir = mkdtempSync(join(tmpdir(), 'complaints-test-'));
  const devAuthKeyFile = join(runDir, 'dev-auth-key.json');
  await devKeys(devAuthKeyFile);
  // The default policy, with a follow-up short enough to watch at the test clock's speed.
  const policyFile = join(runDir, 'policy.json');
  writeFileSync(
    policyFile,
    JSON.stringify({ ...defaultPolicyDocument(), followUp: TEST_FOLLOW_UP, limits: TEST_INTAKE_LIMITS }),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts', '--in-memory'], {
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      SLA_TIME_SCALE: String(TEST_SLA_TIME_SCALE),
      SLA_CLOCK_EPOCH_MS: String(slaClockEpochMs),
      DEV_AUTH_KEY_FILE: devAuthKeyFile,
      POLICY_FILE: policyFile,
      // The lifecycle reconciler every 2 s instead of 30 (test/integration/reconciler.test.ts).
      RECONCILE_INTERVAL_SECONDS: '2',
      // Everything the handlers log, so the check below sees as much as it can.
      LOG_LEVEL: 'INFO',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`local stack not ready:\n${output.join('')}`)),
      STARTUP_TIMEOUT_MS,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local stack exited with ${code}:\n${output.join('')}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(`${line}\n`);
      if (/\bready\b/u.test(line)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  project.provide('apiUrl', `http://127.0.0.1:${ports.PORT}`);
  project.provide('sesUrl', `http://127.0.0.1:${ports.SES_PORT}`);
  project.provide('stepFunctionsUrl', `http://127.0.0.1:${ports.SFN_PORT}`);
  project.provide('s3Url', `http://127.0.0.1:${ports.S3_PORT}`);
  project.provide('smtpPort', ports.SMTP_PORT);
  project.provide('inboundDomain', LOCAL_INBOUND_DOMAIN);
  project.provide('dynamoDbUrl', `http://127.0.0.1:${ports.DYNAMODB_PORT}`);
  project.provide('slaTimeScale', TEST_SLA_TIME_SCALE);
  project.provide('slaClockEpochMs', slaClockEpochMs);
  project.provide('devAuthKeyFile', devAuthKeyFile);
  project.provide('policyFile', policyFile);

  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(runDir, { recursive: true, force: true });
    // No customer email or phone in any line the stack printed during the whole run.
    const leaks = linesWithContactDetails(output.join('').split('\n'));
    if (leaks.length > 0) {
      throw new Error(
        `${leaks.length} line(s) logged by the local stack carry contact details, first:\n${leaks[0]!.slice(0, 500)}`,
      );
    }
  };
}
