import { beforeEach, describe, expect, it, vi } from 'vitest';
import { callsOf, stubAwsCalls } from '../../support/aws-calls.ts';
import { AwsServiceError } from '../../../functions/adapters/aws/aws-error.ts';
import { documentDb } from '../../../functions/adapters/aws/dynamodb.ts';
import { sesV2 } from '../../../functions/adapters/aws/ses.ts';
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
  vi.spyOn(sesV2, 'sendEmail').mockResolvedValue('m-1');
  vi.spyOn(documentDb, 'transactWrite').mockResolvedValue(undefined);
});

describe('send acknowledgement task', () => {
  it('emails the customer in their language, escaped, then records the acknowledgement', async () => {
    vi.spyOn(documentDb, 'get').mockResolvedValue({ Item: complaint() });
    await handler({ complaintId: ID }, context);
    const [mail] = vi.mocked(sesV2.sendEmail).mock.calls.map(([input]) => input);
    expect(mail!.Destination?.ToAddresses).toEqual(['alice@example.com']);
    expect(mail!.FromEmailAddress).toBe('complaints@example.com');
    const simple = mail!.Content!.Simple!;
    expect(simple.Subject!.Data).toBe('We have received your complaint (ref. CMP-261123-ABCDEF)');
    expect(simple.Body!.Html!.Data).toContain('Broken &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(simple.Body!.Html!.Data).not.toContain('<script>');
    expect(simple.Body!.Text!.Data).toMatch(
      new RegExp(`https://complaints\\.example\\.com/track/\\?id=${ID}#token=t2\\.0\\.[\\w-]{43}`, 'u'),
    );
    const [update, event] = vi.mocked(documentDb.transactWrite).mock.calls[0]![0].TransactItems!;
    expect(update!.Update!.ConditionExpression).toContain('#version = :expected');
    expect(update!.Update!.ExpressionAttributeNames).toMatchObject({ '#f0': 'acknowledgedAt' });
    expect(event!.Put!.Item).toMatchObject({ type: 'complaint.acknowledged', customerVisible: true });
  });

  it('sends nothing when the acknowledgement was already sent (retried step)', async () => {
    vi.spyOn(documentDb, 'get').mockResolvedValue({
      Item: complaint({ acknowledgedAt: '2026-11-23T00:00:00.000Z' }),
    });
    await handler({ complaintId: ID }, context);
    expect(vi.mocked(sesV2.sendEmail).mock.calls).toHaveLength(0);
  });

  it('fails (so the workflow retries) when SES fails, recording nothing', async () => {
    vi.spyOn(documentDb, 'get').mockResolvedValue({ Item: complaint() });
    vi.spyOn(sesV2, 'sendEmail').mockRejectedValue(new Error('SES throttled'));
    await expect(handler({ complaintId: ID }, context)).rejects.toThrow('SES throttled');
    expect(vi.mocked(documentDb.transactWrite).mock.calls).toHaveLength(0);
  });

  it('accepts a concurrent duplicate record as already recorded', async () => {
    vi.spyOn(documentDb, 'get')
      .mockResolvedValueOnce({ Item: complaint() })
      .mockResolvedValueOnce({ Item: complaint() })
      .mockResolvedValue({ Item: complaint({ acknowledgedAt: '2026-11-23T00:00:00.000Z' }) });
    vi.spyOn(documentDb, 'transactWrite').mockRejectedValue(
      new AwsServiceError('TransactionCanceledException', 'x', 400, [
        { Code: 'ConditionalCheckFailed' },
        { Code: 'None' },
      ]),
    );
    await expect(handler({ complaintId: ID }, context)).resolves.toEqual({ complaintId: ID });
    expect(vi.mocked(documentDb.transactWrite).mock.calls).toHaveLength(1);
  });

  it('rejects a malformed complaint id', async () => {
    await expect(handler({ complaintId: 'nope' }, context)).rejects.toThrow();
    expect(callsOf(documentDb)).toHaveLength(0);
  });
});
