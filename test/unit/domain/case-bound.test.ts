import { describe, expect, it } from 'vitest';
import type { ComplaintEvent } from '../../../functions/domain/audit-event.ts';
import { boundCaseDetail, MAX_CASE_BODY_BYTES } from '../../../functions/domain/case-bound.ts';
import type { SentMail } from '../../../functions/domain/sent-mail.ts';
import { caseDetail } from '../../../functions/domain/staff-view.ts';
import type { StaffPrincipal } from '../../../functions/domain/staff.ts';
import { receivedComplaint } from '../../support/complaints.ts';

const NOW = new Date('2026-12-29T03:00:00Z');
const agent: StaffPrincipal = { subject: 'agent-1', roles: ['agent'], department: 'quality' };
const complaint = receivedComplaint(new Date('2026-11-23T02:00:00Z'), { department: 'quality' });
const size = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
const at = (n: number) => new Date(Date.parse('2026-11-23T03:00:00Z') + n * 60_000).toISOString();
const id = (n: number) => `E${String(n).padStart(8, '0')}`;

/** A case that lived long: notes, reminders and mails far past what one response may carry. */
const longLived = (notes: number, reminders: number, mails: number) => {
  const events: ComplaintEvent[] = [];
  for (let n = 0; n < notes; n += 1) {
    events.push({
      type: 'note.added',
      customerVisible: false,
      details: { text: `第 ${n} 条备注：${'很长的备注内容'.repeat(300)}` },
      complaintId: complaint.id,
      eventId: id(n),
      at: at(n),
      actor: { kind: 'staff', id: 'agent-1' },
    });
  }
  for (let n = 0; n < reminders; n += 1) {
    events.push({
      type: 'notification.sent',
      customerVisible: false,
      details: { kind: 'reminder', level: 3, stage: 'resolution', recipients: ['ceo@example.com'] },
      complaintId: complaint.id,
      eventId: id(notes + n),
      at: at(notes + n),
      actor: { kind: 'system' },
    });
  }
  const sent: SentMail[] = Array.from({ length: mails }, (_, n) => ({
    id: `M${n}`,
    mailKind: 'tracking-link',
    sentAt: at(n),
    subject: '您的投诉查询链接',
    text: '查询链接说明'.repeat(3_000),
    messageId: `ses-${n}`,
    truncated: false,
  }));
  const context = { mails: sent, relatedComplaints: [], customerHistory: [], timeZone: 'Asia/Shanghai' };
  return caseDetail(complaint, events, agent, NOW, context);
};

describe('the case response bound', () => {
  it('leaves a case that fits as it is', () => {
    const detail = longLived(3, 3, 1);
    expect(boundCaseDetail(detail)).toBe(detail);
    expect(detail.trimmed).toBeNull();
  });

  it('keeps a case far over Lambda’s 6 MB within 5 MB, newest kept, saying what it left out', () => {
    const detail = longLived(3_000, 2_000, 300);
    expect(size(detail)).toBeGreaterThan(6 * 1024 * 1024);
    const bounded = boundCaseDetail(detail);
    expect(size(bounded)).toBeLessThanOrEqual(MAX_CASE_BODY_BYTES);
    expect(bounded.trimmed).toMatchObject({ mailTextsShortened: true });
    expect(bounded.trimmed!.timelineEntries).toBeGreaterThanOrEqual(2_000);
    // Machinery goes first; what is kept is the newest, and the complaint itself opens the thread.
    expect(bounded.timeline.every((event) => !event.noise)).toBe(true);
    expect(bounded.timeline.at(-1)?.eventId).toBe(
      detail.timeline.filter((event) => !event.noise).at(-1)?.eventId,
    );
    expect(bounded.thread[0]?.kind).toBe('complaint');
    expect(bounded.thread.at(-1)).toEqual(expect.objectContaining({ id: detail.thread.at(-1)!.id }));
  });

  it('stops at the first step that fits: machinery folded away only', () => {
    const detail = longLived(0, 3_000, 0);
    const limit = size({ ...detail, timeline: [] }) + 1_000;
    const bounded = boundCaseDetail(detail, limit);
    expect(size(bounded)).toBeLessThanOrEqual(limit);
    expect(bounded.trimmed).toEqual({
      timelineEntries: 3_000,
      mailTextsShortened: false,
      notes: 0,
      threadEntries: 0,
    });
  });
});
