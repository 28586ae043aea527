import { SendEmailCommand, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { simpleParser } from 'mailparser';
import { dynamo, ses, stubAwsCalls } from '../../support/aws-calls.ts';
import { useTestEnvironment } from '../../support/lambda.ts';
import type { FoldedCounts } from '../../../functions/domain/kpi-fold.ts';

useTestEnvironment();
const { dynamoDbClient } = await import('../../../functions/adapters/dynamodb.ts');
const { sesClient } = await import('../../../functions/adapters/ses.ts');
const { stepFunctionsClient } = await import('../../../functions/adapters/step-functions.ts');
const { sendEmail } = await import('../../../functions/adapters/email/mailer.ts');
const { commitCounts } = await import('../../../functions/adapters/kpi-store.ts');
const { defaultProvider } = await import('../../../infra/bundle/lambda-credentials.ts');

beforeEach(() => {
  stubAwsCalls();
});

describe('AWS SDK clients of the functions', () => {
  it.each([
    ['DynamoDB', dynamoDbClient],
    ['SES', sesClient],
    ['Step Functions', stepFunctionsClient],
  ])(
    '%s: standard retry mode, 3 attempts, and per-attempt timeouts shorter than the functions’ 10 s',
    async (_name, client) => {
      expect(await client.config.maxAttempts()).toBe(3);
      expect(await client.config.retryStrategy()).toMatchObject({ mode: 'standard' });
      const handler = client.config.requestHandler as unknown as {
        configProvider: Promise<{ requestTimeout?: number; connectionTimeout?: number }>;
      };
      const { requestTimeout, connectionTimeout } = await handler.configProvider;
      expect(requestTimeout).toBe(2_000);
      expect(connectionTimeout).toBe(1_000);
      expect(3 * (requestTimeout! + connectionTimeout!)).toBeLessThan(10_000);
    },
  );
});

describe('Lambda credentials in the bundles', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('come from the environment Lambda sets, with the session token', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    vi.stubEnv('AWS_SESSION_TOKEN', 'session');
    await expect(defaultProvider()()).resolves.toMatchObject({
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'session',
    });
  });
});

describe('mailer (SES v1 SendEmail)', () => {
  it('sends one message per recipient from the sender address, UTF-8 text and HTML, tagged with what it is about', async () => {
    ses.on(SendEmailCommand).resolvesOnce({ MessageId: 'm-1' }).resolvesOnce({ MessageId: 'm-2' });
    const ids = await sendEmail(
      ['a@example.com', 'b@example.com'],
      { subject: '主题', text: '正文', html: '<p>正文</p>' },
      { mailKind: 'escalation', complaintId: 'C1' },
    );
    expect(ids).toEqual(['m-1', 'm-2']);
    // No configuration set outside AWS (SES_CONFIGURATION_SET unset).
    expect(ses.commandCalls(SendEmailCommand)[0]!.args[0].input.ConfigurationSetName).toBeUndefined();
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 2);
    expect(ses).toHaveReceivedNthCommandWith(SendEmailCommand, 2, {
      Source: 'complaints@example.com',
      Destination: { ToAddresses: ['b@example.com'] },
      Tags: [
        { Name: 'complaintId', Value: 'C1' },
        { Name: 'mailKind', Value: 'escalation' },
      ],
      Message: {
        Subject: { Data: '主题', Charset: 'UTF-8' },
        Body: { Text: { Data: '正文', Charset: 'UTF-8' }, Html: { Data: '<p>正文</p>', Charset: 'UTF-8' } },
      },
    });
  });
});

describe('mailer, Reply-To', () => {
  it('names the reply address in SendEmail, and in a raw message as a Reply-To header', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'raw-1' });
    const replyTo = 'reply+token@inbound.example.com';
    await sendEmail(
      'a@example.com',
      { subject: 's', text: 't', html: '<p>t</p>', replyTo },
      { mailKind: 'x' },
    );
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, { ReplyToAddresses: [replyTo] });
    await sendEmail(
      'a@example.com',
      { subject: 's', text: 't', html: '<p>t</p>', replyTo, headers: [{ name: 'X-Test', value: '1' }] },
      { mailKind: 'x' },
    );
    const raw = Buffer.from(ses.commandCalls(SendRawEmailCommand)[0]!.args[0].input.RawMessage!.Data!);
    expect((await simpleParser(raw)).replyTo?.text).toBe(replyTo);
  });
});

describe('mailer, mail with headers of its own', () => {
  it('goes as a raw MIME message (SES v1 SendRawEmail) that mail clients read back intact, with the same tags', async () => {
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'raw-1' });
    const headers = [
      { name: 'List-Unsubscribe', value: '<https://complaints.example.com/v1/surveys/t0k3n/opt-out>' },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
    ];
    const subject = '请评价我们对您投诉（编号 CMP-261123-ABCDEF）的处理，谢谢您的耐心与支持！'.repeat(2);
    const text = `您好：\n${'很长的一行文字'.repeat(40)}\nhttps://complaints.example.com/survey/?t=abc`;
    const ids = await sendEmail(
      'a@example.com',
      { subject, text, html: '<p>评价 &amp; <b>谢谢</b></p>', headers },
      { mailKind: 'survey', complaintId: 'C1' },
    );
    expect(ids).toEqual(['raw-1']);
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    expect(ses).toHaveReceivedCommandWith(SendRawEmailCommand, {
      Source: 'complaints@example.com',
      Destinations: ['a@example.com'],
      Tags: [
        { Name: 'complaintId', Value: 'C1' },
        { Name: 'mailKind', Value: 'survey' },
      ],
    });
    const raw = Buffer.from(ses.commandCalls(SendRawEmailCommand)[0]!.args[0].input.RawMessage!.Data!);
    expect(raw.every((byte) => byte < 0x80)).toBe(true);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(subject);
    expect(parsed.text?.trim()).toBe(text);
    expect(parsed.html).toContain('<p>评价 &amp; <b>谢谢</b></p>');
    expect(parsed.from?.text).toBe('complaints@example.com');
    const line = (key: string) => parsed.headerLines.find((header) => header.key === key)?.line;
    expect(line('list-unsubscribe')).toBe(
      'List-Unsubscribe: <https://complaints.example.com/v1/surveys/t0k3n/opt-out>',
    );
    expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  });

  it('refuses a header that would start another one (injection)', async () => {
    const headers = [{ name: 'List-Unsubscribe', value: '<https://x>\r\nBcc: victim@example.com' }];
    await expect(
      sendEmail('a@example.com', { subject: 'S', text: 'T', html: 'H', headers }, { mailKind: 'survey' }),
    ).rejects.toThrow('Invalid mail header');
    expect(ses).not.toHaveReceivedAnyCommand();
  });
});

describe('KPI counter store', () => {
  // Two events folded into one transaction (domain/kpi-fold.ts), in counter shard 3.
  const counts: FoldedCounts = {
    eventIds: ['E1', 'E2'],
    changes: [
      {
        item: { kind: 'day', shard: 3, dimension: 'all', value: 'all', day: '2026-11-23' },
        counters: { received: 2 },
      },
      { item: { kind: 'now', shard: 3, dimension: 'all', value: 'all' }, counters: { open: 2 } },
    ],
  };
  const now = new Date('2026-11-23T00:00:00Z');
  const cancelled = (codes: string[]) =>
    new TransactionCanceledException({
      message: 'x',
      $metadata: {},
      CancellationReasons: codes.map((Code) => ({ Code })),
    });

  it('writes a marker per event, then each shard item once with the summed increments', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    await expect(commitCounts(counts, now)).resolves.toEqual({ kind: 'committed' });
    const items = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items.slice(0, 2).map((item) => item.Put)).toMatchObject([
      { Item: { pk: 'COUNTED#E1' }, ConditionExpression: 'attribute_not_exists(pk)' },
      { Item: { pk: 'COUNTED#E2' }, ConditionExpression: 'attribute_not_exists(pk)' },
    ]);
    expect(items.slice(2).map((item) => item.Update?.Key)).toEqual([
      { pk: 'KPI#all#3', sk: 'DAY#2026-11-23#all' },
      { pk: 'KPI#all#3', sk: 'NOW#all' },
    ]);
    expect(Object.values(items[2]!.Update!.ExpressionAttributeValues!)).toContain(2);
  });

  it('gives a surge bucket the table TTL attribute, weeks after its own start', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    const surge: FoldedCounts = {
      eventIds: ['E3'],
      changes: [
        {
          item: { kind: 'surge', dimension: 'product', value: 'battery', bucket: '2026-11-23T10:30' },
          counters: { count: 1 },
        },
      ],
    };
    await commitCounts(surge, now);
    const update = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems![1]!.Update!;
    expect(update.Key).toEqual({ pk: 'SURGE#product#battery', sk: 'BUCKET#2026-11-23T10:30' });
    const ttlName = Object.entries(update.ExpressionAttributeNames!).find(
      ([, name]) => name === 'expiresAt',
    )![0];
    const ttlValue = update.ExpressionAttributeValues![ttlName.replace('#', ':')] as number;
    expect(ttlValue).toBe(Date.parse('2026-11-23T10:30:00Z') / 1000 + 32 * 24 * 60 * 60);
    expect(update.UpdateExpression).toContain(`${ttlName} = `);
  });

  it('names the events whose markers exist, by their position in the transaction', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled(['None', 'ConditionalCheckFailed', 'None', 'None']));
    await expect(commitCounts(counts, now)).resolves.toEqual({ kind: 'already-counted', eventIds: ['E2'] });
  });

  it('reports a conflicting writer as a conflict, to be tried again', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejects(new TransactionConflictException({ message: 'x', $metadata: {} }));
    await expect(commitCounts(counts, now)).resolves.toEqual({ kind: 'conflict' });
    dynamo.on(TransactWriteCommand).rejects(cancelled(['None', 'None', 'TransactionConflict', 'None']));
    await expect(commitCounts(counts, now)).resolves.toEqual({ kind: 'conflict' });
  });
});
