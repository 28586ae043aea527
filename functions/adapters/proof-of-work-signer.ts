import { hkdfSync } from 'node:crypto';
import { createChallenge, randomInt, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { ProofOfWorkSigner } from '../app/ports.ts';
import { challengeSchema } from '../domain/proof-of-work.ts';
import { signingKey } from './signing-key.ts';

/**
 * The challenges' HMAC key, derived (HKDF-SHA-256) from the customer-token signing key rather than a
 * secret of its own: no second secret to provision and rotate, and a different key for a different
 * use, so a challenge signature can never pass for a tracking token or the other way round.
 */
const challengeKey = async (): Promise<string> =>
  Buffer.from(hkdfSync('sha256', await signingKey(), '', 'complaints/proof-of-work-challenge', 32)).toString(
    'hex',
  );

/**
 * ALTCHA v2 (`altcha-lib`) in its deterministic mode: the challenge hides a random counter up to the
 * maximum and the solver must find it by trying counters from 0, one SHA-256 each (cost 1), so the work
 * is bounded by what we signed. Verifying re-derives one key.
 */
export const proofOfWorkSigner: ProofOfWorkSigner = {
  issue: async ({ maxCounter, expiresAt }) => {
    const challenge = await createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      counter: randomInt(maxCounter, 0),
      deriveKey,
      expiresAt,
      hmacSignatureSecret: await challengeKey(),
    });
    // The library's type is wider than what it issued here; the schema states (and checks) what that is.
    return challengeSchema.parse(challenge);
  },
  verify: async (proof) => {
    const result = await verifySolution({
      challenge: proof.challenge,
      solution: proof.solution,
      deriveKey,
      hmacSignatureSecret: await challengeKey(),
    });
    if (result.verified) return 'solved';
    return result.expired ? 'expired' : 'invalid';
  },
};
