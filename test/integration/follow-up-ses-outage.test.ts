import { randomBytes, randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { useLocalStack } from '../support/stack-client.ts';
import { eventually } from '../support/http.ts';

/**
 * The real lifecycle definition and task handlers, run in this process from the follow-up on, against
 * DynamoDB Local (a table of its own, so the stack's stream poller starts nothing) with SES mocked to
 * fail and then recover: the workflow's retries deliver the result notice exactly once.
 */
await useLocalStack();
const TABLE_NAME = `ses-outage-${randomUUID()}`;
Object.assign(process.env, {
  TABLE_NAME,
  SENDER_EMAIL: 'complaints@example.com',
  PUBLIC_WEB_URL: 'http://127.0.0.1:9/',
  TOKEN_SIGNING_KEY: randomBytes(32).toString('base64'),
});

const { ensureTable } = await import('../../local/table.ts');
const { JsonFile } = await import('../../local/json-file.ts');
const { loadDefinition, localFunctionSubstitutions } =
  await import('../../local/stepfunctions/definition.ts');
const { LocalExecutions } = await import('../../local/stepfunctions/executions.ts');
const { localStateMachineArn } = await import('../../local/aws-local.ts');
const { LIFECYCLE_DEFINITION_FILE, WORKFLOW_TASKS } = await import('../../functions/workflow/tasks.ts');
const { itemKeys } = await import('../../functions/adapters/table.ts');
const { getComplaint, listEvents } = await import('../../functions/adapters/complaint-repository.ts');
const { decideTriage } = await import('../../functions/domain/lifecycle.ts');
const { currentPolicy } = await import('../../functions/adapters/policy-source.ts');
const { now } = await import('../../functions/adapters/clock.ts');
const { SESClient, SendEmailCommand, SendRawEmailCommand, SESServiceException } =
  await import('@aws-sdk/client-ses');
const { mockClient } = await import('aws-sdk-client-mock');

// SES answers in this test process only (the stack's own handlers are untouched).
const ses = mockClient(SESClient);
const errors: unknown[] = [];
const executions = new LocalExecutions(new JsonFile(undefined, {}), (error) => errors.push(error));
const ARN = localStateMachineArn('follow-up-from-resolution');
const definition = loadDefinition(LIFECYCLE_DEFINITION_FILE, localFunctionSubstitutions(WORKFLOW_TASKS));
executions.register({
  arn: ARN,
  name: 'follow-up-from-resolution',
  // The same states, entered where a resolved complaint's signal enters them (a Choice keeps every
  // state reachable).
  definition: {
    ...definition,
    StartAt: 'EnterFollowUp',
    States: {
      EnterFollowUp: {
        Type: 'Choice',
        Choices: [{ Condition: '{% $states.input.resolved = true %}', Next: 'WokenByResolution' }],
        Default: definition.StartAt,
      },
      WokenByResolution: {
        Type: 'Pass',
        Assign: { plan: { stage: 'resolution' }, woken: 'signal', retryLater: 0 },
        Next: 'AdvanceLifecycle',
      },
      ...definition.States,
    },
  },
  functions: Object.values(WORKFLOW_TASKS),
});

afterAll(() => {
  executions.abortAll();
  ses.restore();
});

/** A triaged complaint, resolved a moment ago, stored as the repository stores it. */
const storeResolvedComplaint = async (id: string) => {
  const { policy, calendar } = currentPolicy();
  const at = now();
  const received = {
    id,
    reference: `CMP-261123-${id.slice(-6).toUpperCase()}`,
    status: 'received' as const,
    channel: 'web' as const,
    customer: { name: '周杰', email: `outage-${id}@example.com`, locale: 'zh-CN' as const },
    subject: '洗衣机异响',
    description: '洗衣机脱水时异响很大。',
    consent: { dataProcessing: true as const, recordedAt: at.toISOString() },
    submittedAt: at.toISOString(),
    updatedAt: at.toISOString(),
    version: 1,
    tier: 'ordinary' as const,
    customerKey: id,
  };
  const triaged = { ...received, ...decideTriage(policy, calendar, received, [], at)!.changes };
  const complaint = {
    ...triaged,
    status: 'resolved' as const,
    resolution: {
      outcome: 'resolved' as const,
      summary: '已上门维修',
      remedy: 'repair' as const,
      by: 'agent-1',
      at: at.toISOString(),
    },
  };
  // As the functions write: attributes left undefined (optional SLA flags) are left out.
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  await client.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: { ...itemKeys.complaint(id), entity: 'complaint', ...complaint },
    }),
  );
  return complaint;
};

describe('follow-up mail during an SES outage', () => {
  it('retries with backoff and sends the result notice exactly once when SES recovers', async () => {
    await ensureTable(new DynamoDBClient({}), TABLE_NAME);
    const id = randomUUID().replaceAll('-', '').slice(0, 26).toUpperCase();
    await storeResolvedComplaint(id);
    const outage = new SESServiceException({
      name: 'ServiceUnavailable',
      message: 'Service unavailable',
      $fault: 'server',
      $metadata: { httpStatusCode: 503 },
    });
    ses.on(SendEmailCommand).rejectsOnce(outage).rejectsOnce(outage).resolves({ MessageId: 'recovered-1' });
    // The survey that may follow goes as a raw message (its List-Unsubscribe headers).
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'survey-1' });

    await executions.start(ARN, id, JSON.stringify({ complaintId: id, resolved: true }));
    const notified = await eventually(async () => {
      const events = await listEvents(id);
      return events.some((event) => event.type === 'resolution.notified') ? events : undefined;
    }, 30_000);

    const subjects = ses
      .commandCalls(SendEmailCommand)
      .map(({ args: [command] }) => command.input.Message?.Subject?.Data ?? '');
    // Two attempts refused, the third delivered; nothing after it is the notice again (the survey
    // may follow, 2 h of scaled clock after resolution).
    expect(subjects.slice(0, 3).every((subject) => subject.includes('已处理完毕'))).toBe(true);
    expect(subjects.filter((subject) => subject.includes('已处理完毕'))).toHaveLength(3);
    expect(notified.filter((event) => event.type === 'resolution.notified')).toHaveLength(1);
    const complaint = await getComplaint(id);
    expect((complaint?.outbox ?? []).filter((message) => message.kind === 'result-notice')).toEqual([]);
    expect(complaint?.followUp?.failures).toBeUndefined();
    expect(errors).toEqual([]);
  }, 60_000);
});
