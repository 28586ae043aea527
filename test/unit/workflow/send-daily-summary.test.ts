import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SendEmailCommand } from '@aws-sdk/client-ses';
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo, ses, stubAwsCalls } from '../../support/aws-calls.ts';
import { summaryDay, summaryRecipients, windowStart } from '../../../functions/domain/daily-summary.ts';
import { context, useTestEnvironment } from '../../support/lambda.ts';
import { defaultPolicy } from '../../support/policy.ts';
import { kpiShards } from '../../../functions/domain/kpi-shards.ts';

useTestEnvironment({ metrics: true });
const { handler } = await import('../../../functions/workflow/send-daily-summary.ts');

beforeEach(() => {
  stubAwsCalls();
  ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
  vi.useFakeTimers({ now: new Date('2026-11-23T00:30:00Z'), toFake: ['Date'] });
});
afterAll(() => vi.useRealTimers());

describe('daily summary', () => {
  it('reports on yesterday in the business time zone, with a 30-day window', () => {
    // 00:30 UTC is 08:30 in Shanghai: yesterday there is the 22nd.
    expect(summaryDay(new Date('2026-11-23T00:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-22');
    expect(summaryDay(new Date('2026-11-22T15:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-21');
    expect(windowStart('2026-11-22', 30)).toBe('2026-10-24');
  });

  it('goes to senior management (the last escalation level)', () => {
    expect(summaryRecipients(defaultPolicy())).toEqual(['senior-management@example.com']);
  });

  it('mails yesterday and the last 30 days against their targets, from the counters only', async () => {
    dynamo.on(QueryCommand).callsFake((input: QueryCommandInput) => {
      const values = input.ExpressionAttributeValues as Record<string, string>;
      // The counters are sharded (domain/kpi-shards.ts): every shard is read, their counts summed.
      const shard = Number(values[':pk']!.slice('KPI#all#'.length));
      if (values[':now']) return { Items: [{ value: 'all', open: 7 - shard, overdue: shard === 2 ? 2 : 0 }] };
      expect(values).toMatchObject({ ':from': 'DAY#2026-10-24', ':to': 'DAY#2026-11-22$' });
      if (shard === 1) return { Items: [{ day: '2026-11-01', value: 'all', received: 10, rsCount: 10 }] };
      if (shard === 5)
        return { Items: [{ day: '2026-11-22', value: 'all', received: 4, rsCount: 2, repeats: 1 }] };
      return { Items: [] };
    });
    expect(await handler({}, context)).toEqual({
      day: '2026-11-22',
      recipients: 1,
      calendarYearsMissing: [],
    });
    const [mail] = ses.commandCalls(SendEmailCommand).map(({ args: [command] }) => command.input);
    expect(mail!.Destination?.ToAddresses).toEqual(['senior-management@example.com']);
    const { Subject, Body } = mail!.Message!;
    expect(Subject?.Data).toBe('投诉处理日报 2026-11-22');
    const text = Body!.Text!.Data!;
    // 7 + 6 + … open over the shards.
    const open = kpiShards().reduce((sum, shard) => sum + 7 - shard, 0);
    expect(text).toContain(`当前未结: ${open} · 当前超时: 2`);
    expect(text).toContain('昨日受理 (2026-11-22) — 投诉量: 4');
    expect(text).toContain('近 30 日 (2026-10-24 – 2026-11-22) — 投诉量: 14');
    expect(text).toContain('解决率: 50.0 % (>= 95.0 %, 未达标)');
    expect(text).toContain('重复投诉率: 25.0 % (<= 5.0 %, 未达标)');
    expect(Body!.Html!.Data).toContain('<table');
  });
});

/** The embedded-metric-format documents the handler wrote to stdout while `run` ran. */
const publishedMetrics = async (run: () => Promise<unknown>): Promise<Record<string, unknown>[]> => {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    write.mockRestore();
  }
  return lines
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
};

describe('daily calendar check', () => {
  const noCounters = () => dynamo.on(QueryCommand).resolves({ Items: [] });

  it('publishes CalendarYearMissing = 0 while the policy covers the years needed', async () => {
    noCounters();
    const [emf] = await publishedMetrics(() => handler({}, context));
    expect(emf).toMatchObject({ service: 'complaints', CalendarYearMissing: 0 });
    expect(emf!._aws).toMatchObject({
      CloudWatchMetrics: [
        {
          Namespace: 'ComplaintHandling',
          Dimensions: [['service']],
          Metrics: [{ Name: 'CalendarYearMissing', Unit: 'Count' }],
        },
      ],
    });
  });

  it('publishes CalendarYearMissing = 1 from 1 December when next year is missing, and names it', async () => {
    vi.setSystemTime(new Date('2026-12-01T00:30:00Z'));
    noCounters();
    let result: unknown;
    const [emf] = await publishedMetrics(async () => (result = await handler({}, context)));
    expect(emf).toMatchObject({ service: 'complaints', CalendarYearMissing: 1 });
    expect(result).toMatchObject({ calendarYearsMissing: [2027] });
  });

  it('still publishes the check when the summary mail fails', async () => {
    vi.setSystemTime(new Date('2026-12-01T00:30:00Z'));
    noCounters();
    ses.on(SendEmailCommand).rejects(new Error('SES down'));
    const [emf] = await publishedMetrics(() => handler({}, context).catch(() => undefined));
    expect(emf).toMatchObject({ CalendarYearMissing: 1 });
  });
});
