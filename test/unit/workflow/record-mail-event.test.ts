import { beforeEach, describe, expect, it, vi } from 'vitest';
import { callsOf, stubAwsCalls } from '../../support/aws-calls.ts';
import { documentDb } from '../../../functions/adapters/aws/dynamodb.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { context, useTestEnvironment } from '../../support/lambda.ts';
import { sesBounceEvent, sesDeliveryEvent } from '../../support/ses-events.ts';

useTestEnvironment();
const { handler } = await import('../../../functions/workflow/record-mail-event.ts');

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const tags = { complaintId: ID, mailKind: 'acknowledgement' };

beforeEach(() => {
  stubAwsCalls();
  // Metrics go to stdout as EMF; keep the test output clean.
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});

const stored = () =>
  vi.spyOn(documentDb, 'get').mockResolvedValue({
    Item: {
      pk: `COMPLAINT#${ID}`,
      sk: 'META',
      ...receivedComplaint(new Date('2026-11-24T01:00:00Z'), { id: ID }),
    },
  });

describe('record-mail-event handler', () => {
  it('records a permanent bounce of a customer mail on its complaint, with its audit event, in one write', async () => {
    stored();
    vi.spyOn(documentDb, 'transactWrite').mockResolvedValue(undefined);
    expect(await handler(sesBounceEvent({ tags }), context)).toEqual({ recorded: true, complaintId: ID });
    const [write] = vi.mocked(documentDb.transactWrite).mock.calls.map(([input]) => input);
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
    expect(callsOf(documentDb)).toHaveLength(0);
  });

  it('drops, without failing, a bounce whose complaint is unknown or untagged', async () => {
    vi.spyOn(documentDb, 'get').mockResolvedValue({});
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
