import type { PolicySource } from '../app/ports.ts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { businessCalendar, parsePolicy, type Policy } from '../domain/policy.ts';
import { SEED_POLICY_VERSION } from '../domain/policy-versions.ts';
import type { BusinessCalendar } from '../domain/calendar.ts';
import { asDependencyUnavailable } from './dependency-unavailable.ts';
import { environment } from './config.ts';
import { logger } from './logger.ts';
import { readActivePolicyVersion, readPolicyVersion } from './policy-versions.ts';
import { refreshBeforeEachInvocation } from './refresh-before-invocation.ts';

/** Default location, relative to the working directory (the repository locally, /var/task in Lambda). */
export const DEFAULT_POLICY_FILE = 'policy/complaint-policy.json';

/**
 * A policy that `cdk synth` validated (infra/policy-file.ts) and shipped in its validated form, defaults
 * filled in: read as it is. A policy file as an administrator writes it never has this shape (its
 * schema admits no such key), so it is always validated on load.
 */
export interface ValidatedPolicyDocument {
  validatedPolicy: Policy;
}

const isValidatedDocument = (document: unknown): document is ValidatedPolicyDocument =>
  typeof document === 'object' && document !== null && 'validatedPolicy' in document;

export interface ActivePolicy {
  policy: Policy;
  calendar: BusinessCalendar;
  version: number;
}

const activeForm = (policy: Policy, version: number): ActivePolicy => ({
  policy,
  calendar: businessCalendar(policy),
  version,
});

let seed: ActivePolicy | undefined;

/**
 * The seed, version 1: the policy from POLICY_FILE, read (and validated, unless it was at synth) once
 * per container. It is the active policy while the table holds no version (domain/policy-versions.ts).
 */
export const seedPolicy = (): ActivePolicy => {
  if (!seed) {
    const file = resolve(process.env.POLICY_FILE ?? DEFAULT_POLICY_FILE);
    const document = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const policy = isValidatedDocument(document) ? document.validatedPolicy : parsePolicy(document);
    seed = activeForm(policy, SEED_POLICY_VERSION);
  }
  return seed;
};

/** The stored versions read so far: a version never changes, so it is read once per container. */
const versions = new Map<number, ActivePolicy>();
let active: ActivePolicy | undefined;
let checkedAtMs: number | undefined;
let refreshing: Promise<void> | undefined;

const DEFAULT_REFRESH_SECONDS = 30;
const refreshIntervalMs = () => (environment().POLICY_REFRESH_SECONDS ?? DEFAULT_REFRESH_SECONDS) * 1000;

const readActive = async (): Promise<ActivePolicy> => {
  const pointer = await readActivePolicyVersion();
  if (!pointer) return seedPolicy();
  const known = versions.get(pointer.version);
  if (known) return known;
  const stored = await readPolicyVersion(pointer.version);
  if (!stored) throw new Error(`The active policy version ${pointer.version} is not stored`);
  const loaded = activeForm(stored.policy, stored.version);
  versions.set(loaded.version, loaded);
  return loaded;
};

/**
 * Re-reads which version is active (one GetItem, and one more for a version not read before) if the
 * last check is older than POLICY_REFRESH_SECONDS (30 by default): an administrator's change reaches
 * every function within that, without a deploy. Run before every invocation of a function that reads
 * the policy (refresh-before-invocation.ts), so `current()` stays synchronous for its ~50 callers.
 * When the table cannot be read, the policy known is kept (logged) and the next invocation tries
 * again; a container that knows none yet fails the invocation as a dependency unavailable (retried).
 */
export const refreshPolicy = async (nowMs: number = Date.now()): Promise<void> => {
  if (checkedAtMs !== undefined && nowMs - checkedAtMs < refreshIntervalMs()) return;
  // Concurrent invocations of one process (the local runtime) share one read.
  refreshing ??= readActive()
    .then((read) => {
      if (active && read.version !== active.version)
        logger.info('Policy version changed', { from: active.version, to: read.version });
      active = read;
      checkedAtMs = nowMs;
    })
    .catch((error: unknown) => {
      if (!active) throw asDependencyUnavailable(error);
      logger.warn('Policy refresh failed; the known version stays active', {
        version: active.version,
        error,
      });
    })
    .finally(() => {
      refreshing = undefined;
    });
  await refreshing;
};

refreshBeforeEachInvocation(() => refreshPolicy());

/**
 * The active policy as last refreshed; the seed when no refresh ran (scripts and tests that call use
 * cases directly).
 */
export const currentPolicy = (): ActivePolicy => active ?? seedPolicy();

export const policySource: PolicySource = { current: currentPolicy };
