import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { allAwsCalls, dynamo, stubAwsCalls } from '../../support/aws-calls.ts';
import { chineseComplaint } from '../../support/fixtures.ts';
import { context, httpEvent, useTestEnvironment } from '../../support/lambda.ts';
import { signedProofOfWorkHeaders, solvedHeader } from '../../support/proof-of-work.ts';
import type { ProofOfWork, ProofOfWorkChallenge } from '../../../functions/domain/proof-of-work.ts';

useTestEnvironment();
const { handler: submitHandler } = await import('../../../functions/api/submit-complaint.ts');
const { handler: challengeHandler } = await import('../../../functions/api/get-challenge.ts');
const { defaultPolicy } = await import('../../support/policy.ts');

const submit = async (headers: Record<string, string>) =>
  await submitHandler(
    httpEvent({
      body: JSON.stringify(chineseComplaint()),
      headers: { 'content-type': 'application/json', ...headers },
    }),
    context,
  );

const problemOf = (response: { statusCode?: number; headers?: Record<string, unknown>; body?: string }) => ({
  status: response.statusCode,
  contentType: response.headers?.['content-type'],
  type: (JSON.parse(response.body ?? '{}') as { type?: string }).type,
});

/** The header as the browser sends it, with one part of its JSON changed. */
const altered = (header: string, change: (proof: ProofOfWork) => void) => {
  const proof = JSON.parse(atob(header)) as ProofOfWork;
  change(proof);
  return btoa(JSON.stringify(proof));
};

const refused = (type: string) => ({ status: 403, contentType: 'application/problem+json', type });

beforeEach(() => {
  stubAwsCalls();
});

describe('GET /v1/challenge', () => {
  it('issues a signed SHA-256 challenge that expires in 10 minutes, touching no table', async () => {
    const before = Date.now();
    const response = await challengeHandler(
      httpEvent({ routeKey: 'GET /v1/challenge', body: undefined }),
      context,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['cache-control']).toBe('no-store');
    const challenge = JSON.parse(response.body!) as {
      parameters: Record<string, unknown>;
      signature: string;
    };
    expect(challenge.parameters).toMatchObject({ algorithm: 'SHA-256', cost: 1 });
    expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/u);
    const expiresAt = Number(challenge.parameters.expiresAt) * 1000;
    expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 10 * 60 * 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 10 * 60 * 1000);
    expect(allAwsCalls()).toHaveLength(0);
  });

  it('hides a counter no larger than the policy allows: the browser finds it within that many tries', async () => {
    const max = defaultPolicy().limits.proofOfWorkMaxCounter;
    expect(max).toBe(100_000);
    const response = await challengeHandler(
      httpEvent({ routeKey: 'GET /v1/challenge', body: undefined }),
      context,
    );
    const header = await solvedHeader(JSON.parse(response.body!) as ProofOfWorkChallenge);
    expect(
      (JSON.parse(atob(header)) as { solution: { counter: number } }).solution.counter,
    ).toBeLessThanOrEqual(max);
  });
});

describe('POST /v1/complaints without a fresh proof of work', () => {
  it('refuses a request without the Proof-Of-Work header (403 proof-of-work-required), calling nothing', async () => {
    expect(problemOf(await submit({}))).toEqual(refused('/problems/proof-of-work-required'));
    expect(allAwsCalls()).toHaveLength(0);
  });

  it('refuses a header that is not a solution at all, calling nothing', async () => {
    for (const header of ['not base64 !', btoa('{"challenge":1}'), btoa('[]'), 'x'.repeat(5000)]) {
      expect(problemOf(await submit({ 'proof-of-work': header }))).toEqual(
        refused('/problems/proof-of-work-invalid'),
      );
    }
    expect(allAwsCalls()).toHaveLength(0);
  });

  it('refuses a wrong solution and a challenge changed after signing (an easier one), calling nothing', async () => {
    const { 'proof-of-work': header } = await signedProofOfWorkHeaders();
    const wrongCounter = altered(header, (proof) => {
      proof.solution.counter += 1;
    });
    const easier = altered(header, (proof) => {
      proof.challenge.parameters.keyPrefix = '00';
    });
    const otherKey = altered(header, (proof) => {
      proof.challenge.signature = 'ab'.repeat(32);
    });
    for (const forged of [wrongCounter, easier, otherKey]) {
      expect(problemOf(await submit({ 'proof-of-work': forged }))).toEqual(
        refused('/problems/proof-of-work-invalid'),
      );
    }
    expect(allAwsCalls()).toHaveLength(0);
  });

  it('refuses the solution of an expired challenge (403 proof-of-work-expired), calling nothing', async () => {
    const expired = await signedProofOfWorkHeaders(100, new Date(Date.now() - 1000));
    expect(problemOf(await submit(expired))).toEqual(refused('/problems/proof-of-work-expired'));
    expect(allAwsCalls()).toHaveLength(0);
  });

  it('spends a solution with a conditional put kept until the challenge expires, and refuses it the second time', async () => {
    const proof = await signedProofOfWorkHeaders();
    const signature = (JSON.parse(atob(proof['proof-of-work'])) as { challenge: { signature: string } })
      .challenge.signature;
    dynamo.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'taken', $metadata: {} }));
    expect(problemOf(await submit(proof))).toEqual(refused('/problems/proof-of-work-already-used'));
    const [put] = dynamo.commandCalls(PutCommand).map(({ args: [command] }) => command.input);
    expect(put).toMatchObject({
      Item: { pk: `CHALLENGE#${signature}`, sk: 'SPENT', entity: 'spent-challenge' },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(put?.Item?.expiresAt).toBeGreaterThan(Date.now() / 1000);
    expect(put?.Item?.expiresAt).toBeLessThan(Date.now() / 1000 + 5 * 60);
    // Neither counted against the limits nor stored.
    expect(dynamo).not.toHaveReceivedCommand(UpdateCommand);
    expect(dynamo).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('checks the body first, so a typo does not cost the solution', async () => {
    const response = await submitHandler(
      httpEvent({
        body: JSON.stringify({ ...chineseComplaint(), subject: '' }),
        headers: { 'content-type': 'application/json', ...(await signedProofOfWorkHeaders()) },
      }),
      context,
    );
    expect(problemOf(response).type).toBe('/problems/validation-error');
    expect(allAwsCalls()).toHaveLength(0);
  });
});
