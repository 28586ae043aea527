import { describe, expect, it } from 'vitest';
import {
  CUSTOMER_MAIL_KINDS,
  decideMailEvent,
  mailEventMetric,
  mailTags,
  readMailEvent,
} from '../../../functions/domain/mail-events.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { sesBounceEvent, sesComplaintEvent, sesDeliveryEvent } from '../../support/ses-events.ts';

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const complaint = receivedComplaint(new Date('2026-11-24T01:00:00Z'), { id: ID });
const customerTags = { complaintId: ID, mailKind: 'result-notice' };

const read = (event: unknown) => {
  const mail = readMailEvent(event);
  if (!mail) throw new Error('not read');
  return mail;
};

describe('SES message tags', () => {
  it('name the complaint and the kind of mail, as SES v2 EmailTags', () => {
    expect(mailTags({ complaintId: ID, mailKind: 'acknowledgement' })).toEqual([
      { Name: 'complaintId', Value: ID },
      { Name: 'mailKind', Value: 'acknowledgement' },
    ]);
    expect(mailTags({ mailKind: 'daily-summary' })).toEqual([{ Name: 'mailKind', Value: 'daily-summary' }]);
  });

  it('keep to the characters SES allows', () => {
    const [tag] = mailTags({ mailKind: 'a b.c/d' });
    expect(tag!.Value).toBe('a_b_c_d');
    expect(mailTags({ mailKind: 'x'.repeat(400) })[0]!.Value).toHaveLength(255);
  });

  it('come back from SES in mail.tags and are read from there', () => {
    const mail = read(sesDeliveryEvent({ tags: customerTags }));
    expect(mail).toMatchObject({ complaintId: ID, mailKind: 'result-notice', outcome: { kind: 'delivery' } });
  });
});

describe('SES mail events', () => {
  it('a permanent bounce of a customer mail marks the complaint, with an audit event', () => {
    const mail = read(sesBounceEvent({ messageId: 'm-1', tags: customerTags }));
    const decision = decideMailEvent(complaint, mail);
    const problem = {
      kind: 'bounce',
      mailKind: 'result-notice',
      messageId: 'm-1',
      at: '2026-11-24T02:41:02.669Z',
      type: 'Permanent',
      subType: 'General',
    };
    expect(decision?.changes).toEqual({ contactProblem: problem });
    expect(decision?.events).toEqual([
      {
        type: 'contact.problem',
        customerVisible: false,
        changes: { contactProblem: { before: null, after: problem } },
        details: { ...problem, action: 'contact-by-phone' },
      },
    ]);
    expect(JSON.stringify(decision)).not.toContain('@');
  });

  it('a spam complaint about a customer mail marks it too', () => {
    const mail = read(sesComplaintEvent({ tags: { complaintId: ID, mailKind: 'survey' } }));
    expect(decideMailEvent(complaint, mail)?.changes.contactProblem).toMatchObject({
      kind: 'spam-complaint',
      mailKind: 'survey',
      type: 'abuse',
    });
    expect(mailEventMetric(mail)).toBe('MailSpamComplaint');
  });

  it.each(CUSTOMER_MAIL_KINDS)('every customer mail kind counts (%s)', (mailKind) => {
    const mail = read(sesBounceEvent({ tags: { complaintId: ID, mailKind } }));
    expect(decideMailEvent(complaint, mail)).toBeDefined();
  });

  it('transient and undetermined bounces, deliveries and staff mail are only counted', () => {
    const transient = read(sesBounceEvent({ tags: customerTags }, 'Transient', 'MailboxFull'));
    const undetermined = read(sesBounceEvent({ tags: customerTags }, 'Undetermined'));
    const delivered = read(sesDeliveryEvent({ tags: customerTags }));
    const staff = read(sesBounceEvent({ tags: { complaintId: ID, mailKind: 'escalation' } }));
    const untagged = read(sesBounceEvent({ tags: {} }));
    for (const mail of [transient, undetermined, delivered, staff, untagged]) {
      expect(decideMailEvent(complaint, mail)).toBeUndefined();
    }
    expect([transient, delivered, staff].map(mailEventMetric)).toEqual([
      'MailBouncedTransient',
      'MailDelivered',
      'MailBouncedPermanent',
    ]);
  });

  it('the same event delivered again changes nothing; another failed mail replaces the mark', () => {
    const first = read(sesBounceEvent({ messageId: 'm-1', tags: customerTags }));
    const marked = { ...complaint, ...decideMailEvent(complaint, first)!.changes };
    expect(decideMailEvent(marked, first)).toBeUndefined();
    const second = read(sesBounceEvent({ messageId: 'm-2', tags: { complaintId: ID, mailKind: 'survey' } }));
    const again = decideMailEvent(marked, second);
    expect(again?.changes.contactProblem).toMatchObject({ messageId: 'm-2', mailKind: 'survey' });
    expect(again?.events[0]?.changes?.contactProblem?.before).toMatchObject({ messageId: 'm-1' });
  });

  it('anything that is not an SES event record is not read', () => {
    expect(readMailEvent({})).toBeUndefined();
    expect(readMailEvent({ 'detail-type': 'Scheduled Event', detail: {} })).toBeUndefined();
    expect(readMailEvent(null)).toBeUndefined();
  });

  it('an SES event type we do not handle is read as "other"', () => {
    const event = sesDeliveryEvent({ tags: customerTags });
    const opened = {
      ...event,
      'detail-type': 'Email Opened',
      detail: { ...event.detail, eventType: 'Open' },
    };
    expect(read(opened).outcome).toEqual({ kind: 'other', eventType: 'Open' });
  });
});
