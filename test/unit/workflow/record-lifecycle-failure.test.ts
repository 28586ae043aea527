import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { dynamo, stubAwsCalls } from '../../support/aws-calls.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { context, useTestEnvironment } from '../../support/lambda.ts';

useTestEnvironment();
const { causeMessage, handler } = await import('../../../functions/workflow/record-lifecycle-failure.ts');

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
/** The Cause Step Functions gives for a Lambda task that threw: the function's error report. */
const lambdaCause = JSON.stringify({
  errorType: 'TypeError',
  errorMessage: "Cannot read properties of undefined (reading 'sla')",
  trace: ['TypeError: Cannot read properties of undefined', '    at plan (plan-stage.ts:20:5)'],
});

beforeEach(() => {
  stubAwsCalls();
  dynamo.on(TransactWriteCommand).resolves({});
});

describe('record lifecycle failure task', () => {
  it('keeps the message of a Lambda error report, and any other cause as it is', () => {
    expect(causeMessage(lambdaCause)).toBe("Cannot read properties of undefined (reading 'sla')");
    expect(causeMessage('Task timed out')).toBe('Task timed out');
    expect(causeMessage('{"unexpected": true}')).toBe('{"unexpected": true}');
    expect(causeMessage(undefined)).toBe('');
  });

  it('records the failure on the complaint with a lifecycle.failed event', async () => {
    dynamo.on(GetCommand).resolves({ Item: receivedComplaint(new Date(), { id: ID }) });
    const result = await handler(
      { complaintId: ID, stage: 'resolution', failure: { Error: 'TypeError', Cause: lambdaCause } },
      context,
    );
    expect(result).toEqual({ complaintId: ID, recorded: true });
    const [update, event] = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(Object.values(update!.Update!.ExpressionAttributeValues!)).toContainEqual({
      stage: 'resolution',
      error: 'TypeError',
      cause: "Cannot read properties of undefined (reading 'sla')",
      at: expect.any(String) as unknown,
    });
    expect(event!.Put!.Item).toMatchObject({ type: 'lifecycle.failed', customerVisible: false });
  });
});
