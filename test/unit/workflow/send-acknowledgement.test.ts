import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { context, useTestEnvironment } from '../../support/lambda.ts';

useTestEnvironment();
const { handler } = await import('../../../functions/workflow/send-acknowledgement.ts');

const dynamo = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
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
  dynamo.reset();
  ses.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
  dynamo.on(TransactWriteCommand).resolves({});
});

describe('send acknowledgement task', () => {
  it('emails the customer in their language, escaped, then records the acknowledgement', async () => {
    dynamo.on(GetCommand).resolves({ Item: complaint() });
    await handler({ complaintId: ID }, context);
    const [mail] = ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input);
    expect(mail!.Destination?.ToAddresses).toEqual(['alice@example.com']);
    expect(mail!.FromEmailAddress).toBe('complaints@example.com');
    const simple = mail!.Content!.Simple!;
    expect(simple.Subject!.Data).toBe('We have received your complaint (ref. CMP-261123-ABCDEF)');
    expect(simple.Body!.Html!.Data).toContain('Broken &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(simple.Body!.Html!.Data).not.toContain('<script>');
    expect(simple.Body!.Text!.Data).toMatch(
      new RegExp(`https://complaints\\.example\\.com/track/\\?id=${ID}&token=[\\w-]{43}`, 'u'),
    );
    const [update, event] = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(update!.Update!.ConditionExpression).toContain('#version = :expected');
    expect(update!.Update!.ExpressionAttributeNames).toMatchObject({ '#f0': 'acknowledgedAt' });
    expect(event!.Put!.Item).toMatchObject({ type: 'complaint.acknowledged', customerVisible: true });
  });

  it('sends nothing when the acknowledgement was already sent (retried step)', async () => {
    dynamo.on(GetCommand).resolves({ Item: complaint({ acknowledgedAt: '2026-11-23T00:00:00.000Z' }) });
    await handler({ complaintId: ID }, context);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('fails (so the workflow retries) when SES fails, recording nothing', async () => {
    dynamo.on(GetCommand).resolves({ Item: complaint() });
    ses.on(SendEmailCommand).rejects(new Error('SES throttled'));
    await expect(handler({ complaintId: ID }, context)).rejects.toThrow('SES throttled');
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
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
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('rejects a malformed complaint id', async () => {
    await expect(handler({ complaintId: 'nope' }, context)).rejects.toThrow();
    expect(dynamo.calls()).toHaveLength(0);
  });
});
