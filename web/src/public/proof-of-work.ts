import { solveChallengeWorkers } from 'altcha-lib';
import type { ProofOfWorkChallenge } from '../../../functions/domain/proof-of-work.ts';
import { PROOF_OF_WORK_PROBLEMS, type Problem } from '../../../functions/api/http/problem.ts';
import { type ApiResult, callApi } from '../shared/api.ts';

/**
 * The proof of work the complaint form sends (functions/domain/proof-of-work.ts): a challenge from the
 * API solved in Web Workers, so the page stays responsive, with altcha-lib's own solver rather than
 * the ALTCHA widget, whose injected styles and checkbox the pages' CSP and layout would not take. A
 * solution is used once; it is made while the visitor is still typing so the submit feels instant.
 */

/** Solved headers older than this are solved again: the challenge lives 10 minutes. */
const FRESH_FOR_MS = 8 * 60 * 1000;

/** Solver threads: a few cores share the counters; more only cost start-up time. */
const WORKERS = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));

const createWorker = () =>
  new Worker(new URL('./proof-of-work-worker.ts', import.meta.url), { type: 'module' });

/** The Proof-Of-Work header value, or undefined when no challenge could be had or solved. */
const solve = async (): Promise<string | undefined> => {
  const issued = await callApi<ProofOfWorkChallenge>('/v1/challenge');
  if (!issued.ok) return undefined;
  const challenge = issued.body;
  try {
    const solution = await solveChallengeWorkers({
      challenge,
      concurrency: WORKERS,
      createWorker,
      timeout: 60_000,
    });
    return solution ? btoa(JSON.stringify({ challenge, solution })) : undefined;
  } catch {
    return undefined;
  }
};

let pending: { header: Promise<string | undefined>; startedAt: number } | undefined;

/** Starts solving a challenge ahead of the submit (idempotent while one is fresh). */
export const prepareProofOfWork = () => {
  if (pending && Date.now() - pending.startedAt < FRESH_FOR_MS) return;
  pending = { header: solve(), startedAt: Date.now() };
};

/** A solved challenge for one request: the prepared one if fresh, else a new one. Never reused. */
const takeProofOfWork = async (): Promise<{ 'proof-of-work': string } | undefined> => {
  prepareProofOfWork();
  const header = await pending!.header;
  pending = undefined;
  return header === undefined ? undefined : { 'proof-of-work': header };
};

/** Whether the API refused a request for its proof of work (a new one may be tried once). */
export const isProofOfWorkProblem = (problem: Problem) =>
  Object.values(PROOF_OF_WORK_PROBLEMS).some((slug) => problem.type === `/problems/${slug}`);

/**
 * Sends one request with a fresh proof of work, and once more with another when the API refused the
 * first for its proof (a solution that expired while the page sat open, or was spent by a lost
 * attempt). Undefined when no challenge could be had or solved.
 */
export const sendWithProofOfWork = async <T>(
  send: (proof: { 'proof-of-work': string }) => Promise<ApiResult<T>>,
  beforeRetry?: () => void,
): Promise<ApiResult<T> | undefined> => {
  const attempt = async () => {
    const proof = await takeProofOfWork();
    return proof && send(proof);
  };
  const result = await attempt();
  if (!result || result.ok || !isProofOfWorkProblem(result.problem)) return result;
  beforeRetry?.();
  return attempt();
};
