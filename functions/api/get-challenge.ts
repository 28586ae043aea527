import { issueChallenge } from '../app/issue-challenge.ts';
import { wallClock } from '../adapters/clock.ts';
import { environment } from '../adapters/config.ts';
import { policySource } from '../adapters/policy-source.ts';
import { proofOfWorkSigner } from '../adapters/proof-of-work-signer.ts';
import { httpHandler } from './http/middleware.ts';
import { jsonResponse } from './http/problem.ts';

/** GET /v1/challenge — a proof-of-work challenge for the public forms (ALTCHA v2), valid 10 minutes. */
export const handler = httpHandler(async () =>
  jsonResponse(
    200,
    await issueChallenge(
      { signer: proofOfWorkSigner, policy: policySource, wallClock },
      environment().PROOF_OF_WORK_MAX_COUNTER,
    ),
  ),
);
