import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { ProofOfWorkChallenge } from '../../functions/domain/proof-of-work.ts';

/** The Proof-Of-Work header value for a solved challenge: base64 of `{challenge, solution}`. */
export const solvedHeader = async (challenge: ProofOfWorkChallenge): Promise<string> => {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('proof-of-work challenge not solved in time');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
};

/**
 * Fetches a challenge from the API at `apiUrl` and solves it, as the web form does: the header every
 * test and benchmark client sends with POST /v1/complaints and POST /v1/complaints/lookup.
 */
export const proofOfWorkHeaders = async (apiUrl: string): Promise<{ 'proof-of-work': string }> => {
  const response = await fetch(`${apiUrl}/v1/challenge`);
  if (!response.ok) throw new Error(`GET /v1/challenge answered ${response.status}`);
  return { 'proof-of-work': await solvedHeader((await response.json()) as ProofOfWorkChallenge) };
};

/**
 * A solved challenge signed in this process (the handler under test's own key, TOKEN_SIGNING_KEY):
 * for tests that call a handler directly. Small by default, so a test pays milliseconds for it.
 */
export const signedProofOfWorkHeaders = async (
  maxCounter = 100,
  expiresAt = new Date(Date.now() + 60_000),
): Promise<{ 'proof-of-work': string }> => {
  const { proofOfWorkSigner } = await import('../../functions/adapters/proof-of-work-signer.ts');
  return { 'proof-of-work': await solvedHeader(await proofOfWorkSigner.issue({ maxCounter, expiresAt })) };
};

/**
 * `count` solved headers made ahead, for a load generator whose requests are built synchronously
 * (autocannon's setupRequest), so the run measures the API rather than the client's hashing.
 */
export const solvedProofOfWorkPool = async (apiUrl: string, count: number): Promise<string[]> => {
  const pool: string[] = [];
  const worker = async () => {
    while (pool.length < count) pool.push((await proofOfWorkHeaders(apiUrl))['proof-of-work']);
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return pool.slice(0, count);
};
