import { beforeEach, describe, expect, it } from 'vitest';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand } from '@aws-sdk/client-ses';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
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

beforeEach(() => {
  stubAwsCalls();
  ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
  dynamo.on(TransactWriteCommand).resolves({});
});

const sentMails = () => ses.commandCalls(SendEmailCommand).map(({ args: [command] }) => command.input);
const transactions = () =>
  dynamo.commandCalls(TransactWriteCommand).map(({ args: [command] }) => command.input.TransactItems!);

describe('send acknowledgement task', () => {
  it('emails the customer in their language, escaped, then records the acknowledgement', async () => {
    dynamo.on(GetCommand).resolves({ Item: complaint() });
    await handler({ complaintId: ID }, context);
    const [mail] = sentMails();
    expect(mail!.Destination?.ToAddresses).toEqual(['alice@example.com']);
    expect(mail!.Source).toBe('complaints@example.com');
    const message = mail!.Message!;
    expect(message.Subject!.Data).toBe('We have received your complaint (ref. CMP-261123-ABCDEF)');
    expect(message.Body!.Html!.Data).toContain('Broken &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(message.Body!.Html!.Data).not.toContain('<script>');
    expect(message.Body!.Text!.Data).toMatch(
      new RegExp(`https://complaints\\.example\\.com/track/\\?id=${ID}#token=t2\\.0\\.[\\w-]{43}`, 'u'),
    );
    const [update, event] = transactions()[0]!;
    expect(update!.Update!.ConditionExpression).toContain('#version = :expected');
    expect(update!.Update!.ExpressionAttributeNames).toMatchObject({ '#f0': 'acknowledgedAt' });
    expect(event!.Put!.Item).toMatchObject({ type: 'complaint.acknowledged', customerVisible: true });
  });

  it('sends nothing when the acknowledgement was already sent (retried step)', async () => {
    dynamo.on(GetCommand).resolves({ Item: complaint({ acknowledgedAt: '2026-11-23T00:00:00.000Z' }) });
    await handler({ complaintId: ID }, context);
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
  });

  it('fails (so the workflow retries) when SES fails, recording nothing', async () => {
    dynamo.on(GetCommand).resolves({ Item: complaint() });
    ses.on(SendEmailCommand).rejects(new Error('SES throttled'));
    await expect(handler({ complaintId: ID }, context)).rejects.toThrow('SES throttled');
    expect(dynamo).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('accepts a concurrent duplicate record as already recorded', async () => {
    dynamo
      .on(GetCommand)
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
    expect(dynamo).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('rejects a malformed complaint id', async () => {
    await expect(handler({ complaintId: 'nope' }, context)).rejects.toThrow();
    expect(allAwsCalls()).toHaveLength(0);
  });
});
