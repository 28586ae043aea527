import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import {
  dataRequestActionAllowed,
  dataRequestActionSchema,
  dataRequestDueAt,
  dataRequestFormSchema,
  dataRequestView,
  erasureBlockOf,
  erasureBlockOfRefusal,
  erasurePlan,
  erasureStatus,
  type DataSubjectRequest,
} from '../../../functions/domain/data-subject-request.ts';
import { isWorkingDay, localDateOf } from '../../../functions/domain/calendar.ts';
import { personalDataExport } from '../../../functions/domain/personal-data-export.ts';
import { defaultCalendar, defaultPolicy } from '../../support/policy.ts';

const complaint = (overrides: Partial<Complaint> = {}): Complaint => ({
  id: 'C1',
  reference: 'CMP-261123-ABCDEF',
  status: 'closed',
  channel: 'web',
  customer: { name: '张三', email: 'z@example.com', locale: 'zh-CN' },
  subject: '漏水',
  description: '水壶漏水',
  consent: { dataProcessing: true, recordedAt: '2026-11-23T00:00:00.000Z' },
  submittedAt: '2026-11-23T00:00:00.000Z',
  updatedAt: '2026-11-23T00:00:00.000Z',
  version: 2,
  tier: 'ordinary',
  customerKey: 'key',
  ...overrides,
});

describe('dataRequestDueAt', () => {
  it('is 15 working days by default, counted on the business calendar (holidays and make-up days)', () => {
    const { answerWithin } = defaultPolicy().dataRequests;
    expect(answerWithin).toEqual({ workingDays: 15 });
    const calendar = defaultCalendar();
    // Monday 2026-09-28 10:00 Beijing time, just before the National Day holidays.
    const received = new Date('2026-09-28T02:00:00Z');
    const due = dataRequestDueAt(calendar, answerWithin, received);
    // The oracle: walk the local days one by one and count the working days after the first.
    const days: string[] = [];
    for (let at = received.getTime() + 86_400_000; at <= due.getTime(); at += 86_400_000) {
      days.push(localDateOf(calendar, new Date(at)));
    }
    expect(days.filter((day) => isWorkingDay(calendar, day))).toHaveLength(15);
    expect(localDateOf(calendar, due)).toBe(days.at(-1));
    // Same time of day (10:00 local) on the fifteenth working day, and well past 15 calendar days.
    expect(due.getUTCHours()).toBe(2);
    expect(due.getTime() - received.getTime()).toBeGreaterThan(20 * 86_400_000);
  });

  it('counts five working days as one calendar week across a plain weekend', () => {
    // Monday 2026-11-16 10:00 Beijing time + 5 working days = Monday 2026-11-23 10:00.
    const due = dataRequestDueAt(defaultCalendar(), { workingDays: 5 }, new Date('2026-11-16T02:00:00Z'));
    expect(due.toISOString()).toBe('2026-11-23T02:00:00.000Z');
  });
});

describe('erasure eligibility', () => {
  it('a closed or rejected complaint may be erased; an open or resolved one keeps its data', () => {
    expect(erasureBlockOf(complaint({ status: 'closed' }))).toBeUndefined();
    expect(erasureBlockOf(complaint({ status: 'rejected' }))).toBeUndefined();
    for (const status of ['received', 'investigating', 'awaiting-customer', 'resolved'] as const) {
      expect(erasureBlockOf(complaint({ status }))).toBe('open-complaint');
    }
  });

  it('a legal hold keeps even a closed complaint, and is named before an open one', () => {
    const hold = { legalHold: { reason: 'lawsuit', by: 'm1', at: '2026-11-24T00:00:00Z' } };
    expect(erasureBlockOf({ ...complaint({ status: 'closed' }), ...hold })).toBe('legal-hold');
    expect(erasureBlockOf({ ...complaint({ status: 'investigating' }), ...hold })).toBe('legal-hold');
  });

  it('plans each complaint: erased, or kept with its reason; all erased is fulfilled, any kept is blocked', () => {
    const plan = erasurePlan([
      complaint({ id: 'A', reference: 'CMP-261123-AAAAAA', status: 'closed' }),
      complaint({ id: 'B', reference: 'CMP-261123-BBBBBB', status: 'investigating' }),
    ]);
    expect(plan).toEqual({
      erase: [{ id: 'A', reference: 'CMP-261123-AAAAAA' }],
      keep: [{ reference: 'CMP-261123-BBBBBB', reason: 'open-complaint' }],
    });
    expect(erasureStatus({ kept: plan.keep })).toBe('blocked');
    expect(erasureStatus({ kept: [] })).toBe('fulfilled');
  });

  it('tells an anonymisation refused meanwhile as the same reasons, and never waits for retention', () => {
    expect(erasureBlockOfRefusal('legal-hold')).toBe('legal-hold');
    expect(erasureBlockOfRefusal('open')).toBe('open-complaint');
    expect(() => erasureBlockOfRefusal('not-due')).toThrow(/erasure does not wait for retention/u);
  });
});

describe('staff decisions', () => {
  const request = (status: DataSubjectRequest['status']): DataSubjectRequest => ({
    id: '01KAAAAAAAAAAAAAAAAAAAAAAA',
    kind: 'erasure',
    status,
    channel: 'email-link',
    email: 'z@example.com',
    locale: 'zh-CN',
    receivedAt: '2026-11-23T00:00:00.000Z',
    dueAt: '2026-12-14T00:00:00.000Z',
    version: 1,
    updatedAt: '2026-11-23T00:00:00.000Z',
  });

  it('received and blocked requests may be carried out or refused; answered ones are final', () => {
    expect(dataRequestActionAllowed(request('received'))).toBeUndefined();
    expect(dataRequestActionAllowed(request('blocked'))).toBeUndefined();
    expect(dataRequestActionAllowed(request('fulfilled'))).toBe('already-done');
    expect(dataRequestActionAllowed(request('refused'))).toBe('already-refused');
  });

  it('a refusal needs a reason', () => {
    expect(dataRequestActionSchema.safeParse({ action: 'refuse' }).success).toBe(false);
    expect(dataRequestActionSchema.safeParse({ action: 'refuse', reason: '  ' }).success).toBe(false);
    expect(dataRequestActionSchema.safeParse({ action: 'refuse', reason: '身份存疑' }).success).toBe(true);
  });

  it('an open request past its deadline is overdue; an answered one never is', () => {
    const late = new Date('2026-12-15T00:00:00Z');
    expect(dataRequestView(request('received'), late).overdue).toBe(true);
    expect(dataRequestView(request('fulfilled'), late).overdue).toBe(false);
  });

  it('the public form takes an email, a kind and a language', () => {
    expect(dataRequestFormSchema.safeParse({ email: 'x', kind: 'export' }).success).toBe(false);
    expect(dataRequestFormSchema.safeParse({ email: 'a@b.cn', kind: 'delete' }).success).toBe(false);
    expect(dataRequestFormSchema.parse({ email: ' a@b.cn ', kind: 'erasure' })).toEqual({
      email: 'a@b.cn',
      kind: 'erasure',
      locale: 'zh-CN',
    });
  });
});

describe('personalDataExport', () => {
  it("holds only the complaints filed with the address, with the customer's own available files", () => {
    const own = complaint({
      attachments: [
        {
          id: 'F1',
          fileName: 'photo.jpg',
          contentType: 'image/jpeg',
          size: 10,
          status: 'available',
          source: 'upload',
          uploadedBy: { kind: 'customer' },
          createdAt: '2026-11-23T00:00:00.000Z',
        },
        {
          id: 'F2',
          fileName: 'staff.pdf',
          contentType: 'application/pdf',
          size: 10,
          status: 'available',
          source: 'upload',
          uploadedBy: { kind: 'staff', id: 's1' },
          createdAt: '2026-11-23T00:00:00.000Z',
        },
      ] as Complaint['attachments'],
    });
    const other = complaint({
      id: 'C2',
      customer: { name: '李四', email: 'l@example.com', locale: 'zh-CN' },
    });
    const exported = personalDataExport(
      'Z@example.com',
      [
        { complaint: own, events: [], mails: [] },
        { complaint: other, events: [], mails: [] },
      ],
      new Date('2026-11-24T00:00:00Z'),
    );
    expect(exported.complaints.map((c) => c.id)).toEqual(['C1']);
    expect(exported.files.map((file) => file.attachmentId)).toEqual(['F1']);
    expect(JSON.stringify(exported)).not.toContain('李四');
  });
});
