import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { allAwsCalls, dynamo, stubAwsCalls } from '../../support/aws-calls.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { context, useTestEnvironment } from '../../support/lambda.ts';
import { sesBounceEvent, sesDeliveryEvent } from '../../support/ses-events.ts';

useTestEnvironment();
const { handler } = await import('../../../functions/workflow/record-mail-event.ts');

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const tags = { complaintId: ID, mailKind: 'acknowledgement' };

beforeEach(() => {
  stubAwsCalls();
});

const stored = () =>
  dynamo.on(GetCommand).resolves({
    Item: {
      pk: `COMPLAINT#${ID}`,
      sk: 'META',
      ...receivedComplaint(new Date('2026-11-24T01:00:00Z'), { id: ID }),
    },
  });

describe('record-mail-event handler', () => {
  it('records a permanent bounce of a customer mail on its complaint, with its audit event, in one write', async () => {
    stored();
    dynamo.on(TransactWriteCommand).resolves({});
    expect(await handler(sesBounceEvent({ tags }), context)).toEqual({ recorded: true, complaintId: ID });
    expect(dynamo).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const write = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input;
    const text = JSON.stringify(write);
    expect(text).toContain('contactProblem');
    expect(text).toContain('contact.problem');
    expect(text).not.toContain('nobody@example.com');
  });

  it('only counts a delivery or a transient bounce: no table access', async () => {
    expect(await handler(sesDeliveryEvent({ tags }), context)).toEqual({
      recorded: false,
      reason: 'no-contact-problem',
    });
    expect(await handler(sesBounceEvent({ tags }, 'Transient'), context)).toMatchObject({ recorded: false });
    expect(allAwsCalls()).toHaveLength(0);
  });

  it('drops, without failing, a bounce whose complaint is unknown or untagged', async () => {
    dynamo.on(GetCommand).resolves({});
    expect(await handler(sesBounceEvent({ tags }), context)).toEqual({
      recorded: false,
      reason: 'no-complaint',
    });
    const untagged = sesBounceEvent({ tags: { mailKind: 'acknowledgement' } });
    expect(await handler(untagged, context)).toEqual({ recorded: false, reason: 'no-complaint' });
  });

  it('ignores an event that is not from SES', async () => {
    expect(await handler({ 'detail-type': 'Scheduled Event', detail: {} }, context)).toEqual({
      recorded: false,
      reason: 'not-an-ses-event',
    });
  });
});
