import { beforeEach, describe, expect, it } from 'vitest';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand } from '@aws-sdk/client-ses';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { allAwsCalls, dynamo, ses, stubAwsCalls } from '../../support/aws-calls.ts';
import { context, useTestEnvironment } from '../../support/lambda.ts';

useTestEnvironment();
const { handler } = await import('../../../functions/workflow/send-acknowledgement.ts');

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

const complaint = (overrides: Record<string, unknown> = {}) => ({
  id: ID,
  version: 3,
  reference: 'CMP-261123-ABCDEF',
  status: 'received',
  submittedAt: '2026-11-23T00:00:00.000Z',
  subject: 'Broken <script>alert(1)</script>',
  customer: { name: 'Alice', email: 'alice@example.com', locale: 'en' },
  dueDates: {},
  ...overrides,
});

const OUTBOX = { id: '01ARZ3NDEKTSV4RRFFQ69G5FAW', createdAt: '2026-11-23T00:00:01.000Z' };

beforeEach(() => {
  stubAwsCalls();
  ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
  dynamo.on(TransactWriteCommand).resolves({});
  // The delivery record: claimed, then the message id recorded on it.
  dynamo.on(PutCommand).resolves({});
  dynamo.on(UpdateCommand).resolves({});
});

const sentMails = () => ses.commandCalls(SendEmailCommand).map(({ args: [command] }) => command.input);
const transactions = () =>
  dynamo.commandCalls(TransactWriteCommand).map(({ args: [command] }) => command.input.TransactItems!);

describe('send acknowledgement task', () => {
  it('emails the customer in their language, none of the sender’s text, then records the acknowledgement', async () => {
    dynamo.on(GetCommand, { Key: { pk: `COMPLAINT#${ID}`, sk: 'META' } }).resolves({ Item: complaint() });
    await handler({ complaintId: ID }, context);
    const [intent] = transactions()[0]!;
    expect(intent!.Update!.ExpressionAttributeNames).toMatchObject({ '#f0': 'acknowledgementOutbox' });
    const [mail] = sentMails();
    expect(mail!.Destination?.ToAddresses).toEqual(['alice@example.com']);
    expect(mail!.Source).toBe('complaints@example.com');
    const message = mail!.Message!;
    expect(message.Subject!.Data).toBe('We have received your complaint (ref. CMP-261123-ABCDEF)');
    // The subject the sender typed is not relayed, escaped or not.
    expect(message.Body!.Html!.Data).not.toContain('Broken');
    expect(message.Body!.Text!.Data).not.toContain('Broken');
    expect(message.Body!.Html!.Data).not.toContain('<script>');
    expect(message.Body!.Text!.Data).toMatch(
      new RegExp(`https://complaints\\.example\\.com/track/\\?id=${ID}#token=t2\\.0\\.[\\w-]{43}`, 'u'),
    );
    const claim = dynamo.commandCalls(PutCommand)[0]!.args[0].input;
    expect(claim.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input.ExpressionAttributeValues).toEqual({
      ':ids': ['m-1'],
    });
    const [update, event] = transactions()[1]!;
    expect(update!.Update!.ConditionExpression).toContain('#version = :expected');
    expect(update!.Update!.ExpressionAttributeNames).toMatchObject({ '#f0': 'acknowledgedAt' });
    expect(event!.Put!.Item).toMatchObject({ type: 'complaint.acknowledged', customerVisible: true });
  });

  it('sends nothing when the acknowledgement was already sent (retried step)', async () => {
    dynamo
      .on(GetCommand, { Key: { pk: `COMPLAINT#${ID}`, sk: 'META' } })
      .resolves({ Item: complaint({ acknowledgedAt: '2026-11-23T00:00:00.000Z' }) });
    await handler({ complaintId: ID }, context);
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
  });

  it('fails (so the workflow retries) when SES fails, recording nothing', async () => {
    dynamo.on(GetCommand, { Key: { pk: `COMPLAINT#${ID}`, sk: 'META' } }).resolves({ Item: complaint() });
    ses.on(SendEmailCommand).rejects(new Error('SES throttled'));
    await expect(handler({ complaintId: ID }, context)).rejects.toThrow('SES throttled');
    // Only the intent is recorded; the acknowledgement is not, nor a send on the delivery record.
    expect(dynamo).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(dynamo).not.toHaveReceivedCommand(UpdateCommand);
  });

  it('sends nothing again when an earlier attempt sent it but crashed before recording the acknowledgement', async () => {
    dynamo.on(GetCommand, { Key: { pk: `COMPLAINT#${ID}`, sk: 'META' } }).resolves({
      Item: complaint({ acknowledgementOutbox: OUTBOX }),
    });
    dynamo.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));
    dynamo.on(GetCommand, { Key: { pk: `DELIVERY#${OUTBOX.id}`, sk: 'DELIVERY' } }).resolves({
      Item: { claimedAt: '2026-11-23T00:00:02.000Z', messageIds: ['m-0'] },
    });
    await handler({ complaintId: ID }, context);
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    const [update] = transactions().at(-1)!;
    expect(update!.Update!.ExpressionAttributeNames).toMatchObject({ '#f0': 'acknowledgedAt' });
  });

  it('leaves a delivery another attempt is sending right now to it: retried later (DependencyUnavailable)', async () => {
    dynamo.on(GetCommand, { Key: { pk: `COMPLAINT#${ID}`, sk: 'META' } }).resolves({
      Item: complaint({ acknowledgementOutbox: OUTBOX }),
    });
    dynamo.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));
    dynamo.on(GetCommand, { Key: { pk: `DELIVERY#${OUTBOX.id}`, sk: 'DELIVERY' } }).resolves({
      Item: { claimedAt: new Date().toISOString() },
    });
    await expect(handler({ complaintId: ID }, context)).rejects.toMatchObject({
      name: 'DependencyUnavailable',
    });
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
  });

  it('accepts a concurrent duplicate record as already recorded', async () => {
    dynamo
      .on(GetCommand, { Key: { pk: `COMPLAINT#${ID}`, sk: 'META' } })
      .resolvesOnce({ Item: complaint() })
      .resolvesOnce({ Item: complaint() })
      .resolves({ Item: complaint({ acknowledgedAt: '2026-11-23T00:00:00.000Z' }) });
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'x',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );
    await expect(handler({ complaintId: ID }, context)).resolves.toEqual({ complaintId: ID });
    // The intent's write lost twice to the concurrent record; then the complaint reads as acknowledged.
    expect(dynamo).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
  });

  it('rejects a malformed complaint id', async () => {
    await expect(handler({ complaintId: 'nope' }, context)).rejects.toThrow();
    expect(allAwsCalls()).toHaveLength(0);
  });
});
