/**
 * Prints a solved Proof-Of-Work header value for the API at API_URL (default the local stack), for
 * trying the public routes with curl: `-H "proof-of-work: $(npm run -s proof-of-work)"`.
 */
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { ProofOfWorkChallenge } from '../functions/domain/proof-of-work.ts';

const api = process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`;
const challenge = (await (await fetch(`${api}/v1/challenge`)).json()) as ProofOfWorkChallenge;
const solution = await solveChallenge({ challenge, deriveKey });
if (!solution) throw new Error('challenge not solved');
console.log(Buffer.from(JSON.stringify({ challenge, solution })).toString('base64'));
