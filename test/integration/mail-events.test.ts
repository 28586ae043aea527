import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useLocalStack } from '../support/stack-client.ts';
import { eventually, postComplaint } from '../support/http.ts';
import { chineseComplaint } from '../support/fixtures.ts';
import { sesBounceEvent, sesDeliveryEvent } from '../support/ses-events.ts';
import { staffRequest } from '../support/staff-client.ts';

await useLocalStack();
const { getComplaint } = await import('../../functions/adapters/complaint-repository.ts');
const { issueDevToken } = await import('../../local/auth/issue-token.ts');
const { invokeLambda } = await import('../../local/lambda/invoke.ts');
const { MAIL_EVENT_RECORDER } = await import('../../functions/workflow/mail-event-recorder.ts');

/** EventBridge's invocation of RecordMailEvent, through the local runtime's Lambda invoker. */
const deliverMailEvent = (event: unknown) =>
  invokeLambda(MAIL_EVENT_RECORDER.name, MAIL_EVENT_RECORDER.entry, event);

interface CaseView {
  contactProblem: { kind: string; mailKind: string; type: string | null; action: string } | null;
  timeline: { type: string; customerVisible: boolean; details?: Record<string, unknown> }[];
}

describe('SES mail events on a stored complaint', () => {
  it('a permanent bounce of the acknowledgement marks the case "contact by phone" for its agent', async () => {
    const email = `bounce-${randomUUID()}@example.com`;
    const created = (await (
      await postComplaint(
        chineseComplaint({ customer: { name: '钱多多', email, phone: '+86 139 0000 0000' } }),
      )
    ).json()) as { id: string; reference: string };
    const { id, reference } = created;
    await eventually(async () => ((await getComplaint(id))?.acknowledgedAt ? true : undefined));
    const tags = { complaintId: id, mailKind: 'acknowledgement' };

    // A delivery is only counted.
    expect(await deliverMailEvent(sesDeliveryEvent({ tags, recipient: email }))).toMatchObject({
      recorded: false,
    });
    expect((await getComplaint(id))!.contactProblem).toBeUndefined();

    const bounce = sesBounceEvent({ messageId: `0100-${randomUUID()}`, tags, recipient: email });
    expect(await deliverMailEvent(bounce)).toEqual({ recorded: true, complaintId: id });
    // EventBridge delivers at least once: the same event again changes nothing.
    expect(await deliverMailEvent(bounce)).toEqual({ recorded: false, reason: 'unchanged' });

    const agent = await issueDevToken({ role: 'agent', department: 'quality', subject: 'agent-m1' });
    const view = (await (await staffRequest(agent, `/v1/staff/complaints/${id}`)).json()) as CaseView;
    expect(view.contactProblem).toEqual({
      kind: 'bounce',
      mailKind: 'acknowledgement',
      at: '2026-11-24T02:41:02.669Z',
      type: 'Permanent',
      subType: 'General',
      action: 'contact-by-phone',
    });
    const marks = view.timeline.filter((event) => event.type === 'contact.problem');
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatchObject({ customerVisible: false, details: { mailKind: 'acknowledgement' } });

    // The queue reads an index, which follows the table a moment later.
    const row = await eventually(async () => {
      const queue = (await (
        await staffRequest(agent, `/v1/staff/complaints?department=quality&reference=${reference}`)
      ).json()) as { items: { id: string; contactProblem: CaseView['contactProblem'] }[] };
      return queue.items.find((item) => item.id === id && item.contactProblem);
    });
    expect(row.contactProblem).toMatchObject({
      kind: 'bounce',
      action: 'contact-by-phone',
    });
  });
});
