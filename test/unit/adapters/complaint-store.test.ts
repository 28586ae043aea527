import { TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import { dynamo, stubAwsCalls } from '../../support/aws-calls.ts';
import { useTestEnvironment } from '../../support/lambda.ts';

useTestEnvironment();
const { complaintStore } = await import('../../../functions/adapters/complaint-store.ts');

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const stored = (version: number) =>
  ({
    id: ID,
    version,
    status: 'received',
    submittedAt: '2026-11-23T00:00:00.000Z',
    customer: { name: '王晓明', email: 'wang@example.com', locale: 'zh-CN' },
  }) as unknown as Complaint;

const cancelled = (first: string) =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: first }, { Code: 'None' }],
  });

const noteDecision = (complaint: Complaint) => ({
  decision: {
    changes: { status: 'accepted' as const },
    events: [{ type: 'complaint.accepted' as const, customerVisible: true }],
  },
  result: complaint.version,
});

beforeEach(() => {
  stubAwsCalls();
});

describe('complaint store (DynamoDB)', () => {
  it('saves the decision with its audit events in one conditional transaction', async () => {
    dynamo.on(GetCommand).resolves({ Item: { pk: `COMPLAINT#${ID}`, sk: 'META', ...stored(3) } });
    dynamo.on(TransactWriteCommand).resolves({});
    const outcome = await complaintStore.mutate(ID, { kind: 'system' }, noteDecision);
    expect(outcome).toMatchObject({
      applied: true,
      result: 3,
      complaint: { version: 4, status: 'accepted' },
    });
    const [update, event] = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(update!.Update!.ConditionExpression).toBe(
      '#version = :expected AND attribute_not_exists(#waitToken)',
    );
    expect(update!.Update!.ExpressionAttributeValues).toMatchObject({ ':expected': 3 });
    expect(event!.Put!.Item).toMatchObject({
      complaintId: ID,
      type: 'complaint.accepted',
      actor: { kind: 'system' },
    });
  });

  it.each([
    ['its own condition failed (a concurrent save)', cancelled('ConditionalCheckFailed')],
    ['a transaction conflict', new TransactionConflictException({ message: 'conflict', $metadata: {} })],
  ])('reads and decides again after %s', async (_name, error) => {
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: stored(3) })
      .resolves({ Item: stored(4) });
    dynamo.on(TransactWriteCommand).rejectsOnce(error).resolves({});
    const outcome = await complaintStore.mutate(ID, { kind: 'system' }, noteDecision);
    expect(outcome.result).toBe(4);
    expect(dynamo).toHaveReceivedCommandTimes(GetCommand, 2);
    expect(dynamo).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
  });

  it('saves nothing when the domain decides nothing', async () => {
    dynamo.on(GetCommand).resolves({ Item: stored(3) });
    const outcome = await complaintStore.mutate(ID, { kind: 'system' }, () => ({ result: 'nothing' }));
    expect(outcome).toMatchObject({ applied: false, result: 'nothing' });
    expect(dynamo).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('gives up after its time budget (8 s) when the complaint keeps changing, and fails on a missing complaint', async () => {
    dynamo.on(GetCommand).resolves({ Item: stored(3) });
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed'));
    await expect(complaintStore.mutate(ID, { kind: 'system' }, noteDecision)).rejects.toThrow(
      'changed while deciding',
    );
    // More rounds than the 8 attempts that gave 30 concurrent writers 500s.
    expect(dynamo.commandCalls(TransactWriteCommand).length).toBeGreaterThan(8);
    dynamo.on(GetCommand).resolves({});
    await expect(complaintStore.mutate(ID, { kind: 'system' }, noteDecision)).rejects.toThrow(
      'does not exist',
    );
  });

  it('lets other errors through at once', async () => {
    dynamo.on(GetCommand).resolves({ Item: stored(3) });
    dynamo.on(TransactWriteCommand).rejects(cancelled('ValidationError'));
    await expect(complaintStore.mutate(ID, { kind: 'system' }, noteDecision)).rejects.toThrow('cancelled');
    expect(dynamo).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });
});
