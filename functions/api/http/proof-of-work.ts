import { checkProofOfWork } from '../../app/check-proof-of-work.ts';
import { wallClock } from '../../adapters/clock.ts';
import { proofOfWorkSigner } from '../../adapters/proof-of-work-signer.ts';
import { spentChallenges } from '../../adapters/spent-challenges.ts';
import { problems } from './problem.ts';

/**
 * Refuses (403 problem) a public request without a fresh solution of one of our challenges, and spends
 * the solution it carries. Call it after validating the body, so a typo does not cost a solution.
 */
export const requireProofOfWork = async (headers: Record<string, string | undefined>): Promise<void> => {
  const verdict = await checkProofOfWork(
    { signer: proofOfWorkSigner, spent: spentChallenges, wallClock },
    headers['proof-of-work'],
  );
  if (verdict !== 'accepted') throw problems.proofOfWork(verdict);
};
