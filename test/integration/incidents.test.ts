import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { useLocalStack } from '../support/stack-client.ts';
import { chineseComplaint } from '../support/fixtures.ts';
import { emailsTo, eventually, postComplaint, sentEmails } from '../support/http.ts';
import { staffAction, staffRequest } from '../support/staff-client.ts';

await useLocalStack();
const { issueDevToken } = await import('../../local/auth/issue-token.ts');
const { getComplaint } = await import('../../functions/adapters/complaint-repository.ts');

const agent = await issueDevToken({ role: 'agent', department: 'quality', subject: 'agent-q1' });
const supervisor = await issueDevToken({ role: 'supervisor', department: 'quality', subject: 'sup-q1' });
const SENIOR_MANAGEMENT = 'senior-management@example.com';

interface IncidentBody {
  id: string;
  status: string;
  products: string[];
  linkedCount: number;
  origin: string;
  surge: { value: string; windowCount: number } | null;
  complaints: { id: string; status: string; accessible: boolean }[];
  allowedActions: string[];
}

/** A product-quality complaint (L3) about `product`, from its own address, in `locale`. */
const complaintAbout = async (product: string, locale: 'zh-CN' | 'en' = 'zh-CN') => {
  const email = `incident-${randomUUID()}@example.com`;
  const response = await postComplaint(
    chineseComplaint({
      customer: { name: locale === 'en' ? 'Alice Smith' : '李娜', email, locale },
      subject: '充电宝电池鼓包',
      description: '购买的充电宝用了一周电池鼓包，质量有问题，无法正常充电。',
      product,
    }),
  );
  expect(response.status).toBe(201);
  const created = (await response.json()) as { id: string; reference: string };
  return { ...created, email };
};

const waitingForFirstContact = (id: string) =>
  eventually(
    async () => ((await getComplaint(id))?.waitStage === 'firstResponse' ? true : undefined),
    20_000,
  );

const incidentAction = async (token: string, id: string, action: Record<string, unknown>) => {
  const response = await staffRequest(token, `/v1/staff/incidents/${id}/actions`, {
    method: 'POST',
    body: JSON.stringify(action),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      incident: IncidentBody;
      done?: string[];
      skipped?: { complaintId: string; reason: string }[];
      queued?: number;
      withoutEmail?: number;
    },
  };
};

const incidentsAbout = async (product: string) => {
  const response = await staffRequest(agent, '/v1/staff/incidents');
  expect(response.status).toBe(200);
  const { incidents } = (await response.json()) as { incidents: IncidentBody[] };
  return incidents.filter((incident) => incident.products.includes(product));
};

describe('surge detection', () => {
  it('25 complaints about one product within minutes: one alert to senior management, one suggested incident', async () => {
    const product = `电池 ${randomUUID()}`;
    const posted: { id: string }[] = [];
    for (let batch = 0; batch < 5; batch += 1) {
      posted.push(...(await Promise.all(Array.from({ length: 5 }, () => complaintAbout(product)))));
    }
    const alertsAbout = async () =>
      (await emailsTo(SENIOR_MANAGEMENT)).filter((mail) => mail.subject.includes(product));
    const [alert] = await eventually(async () => {
      const found = await alertsAbout();
      return found.length > 0 ? found : undefined;
    }, 60_000);
    expect(alert!.subject).toMatch(/^【投诉激增】/u);
    expect(alert!.body.text).toContain('/console/#/incident/');
    // Every complaint counted (triaged) before the count is final: still exactly one alert.
    await eventually(async () => {
      const complaints = await Promise.all(posted.map(({ id }) => getComplaint(id)));
      return complaints.every((complaint) => complaint?.preliminaryGrade) ? true : undefined;
    }, 60_000);
    await sleep(3_000);
    expect(await alertsAbout()).toHaveLength(1);
    const incidents = await incidentsAbout(product);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ status: 'suggested', origin: 'surge', linkedCount: 0 });
    expect(incidents[0]!.surge!.windowCount).toBeGreaterThanOrEqual(20);
    expect(alert!.body.text).toContain(incidents[0]!.id);
  }, 180_000);
});

describe('incidents', () => {
  it('links complaints, mails each complainant once in their language, and resolves them with one remedy', async () => {
    const product = `电池 ${randomUUID()}`;
    const [zh1, zh2, en, untouched] = await Promise.all([
      complaintAbout(product),
      complaintAbout(product),
      complaintAbout(product, 'en'),
      complaintAbout(product),
    ]);
    await Promise.all([zh1, zh2, en, untouched].map(({ id }) => waitingForFirstContact(id)));

    // Only supervisors and above open incidents; a bad body changes nothing.
    const body = {
      title: '充电宝电池鼓包',
      cause: '一批电芯供应商来料缺陷',
      products: [product],
      owner: 'sup-q1',
    };
    const byAgent = await staffRequest(agent, '/v1/staff/incidents', {
      method: 'POST',
      body: JSON.stringify(body),
    });
    expect(byAgent.status).toBe(403);
    const invalid = await staffRequest(supervisor, '/v1/staff/incidents', {
      method: 'POST',
      body: JSON.stringify({ title: '', cause: 'x' }),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toContain('application/problem+json');
    const created = await staffRequest(supervisor, '/v1/staff/incidents', {
      method: 'POST',
      body: JSON.stringify(body),
    });
    expect(created.status).toBe(201);
    const incident = (await created.json()) as IncidentBody;
    expect(incident).toMatchObject({ status: 'open', linkedCount: 0 });

    // The case page offers the incident for linking.
    const suggestions = await staffRequest(agent, `/v1/staff/complaints/${zh1.id}/incident-suggestions`);
    expect(
      ((await suggestions.json()) as { suggestions: { id: string }[] }).suggestions.map((s) => s.id),
    ).toContain(incident.id);

    const linked = await incidentAction(supervisor, incident.id, {
      type: 'link',
      complaintIds: [zh1.id, zh2.id, en.id, untouched.id],
    });
    expect(linked.status).toBe(200);
    expect(linked.body.done).toHaveLength(4);
    expect(linked.body.incident.complaints.map((complaint) => complaint.id).sort()).toEqual(
      [zh1.id, zh2.id, en.id, untouched.id].sort(),
    );
    expect((await getComplaint(zh1.id))?.incidentId).toBe(incident.id);
    const unlinked = await incidentAction(supervisor, incident.id, {
      type: 'unlink',
      complaintIds: [untouched.id],
    });
    expect(unlinked.body.incident.linkedCount).toBe(3);
    expect((await getComplaint(untouched.id))?.incidentId).toBeUndefined();

    // Bulk notice: each complainant once, in their language; the same notice id again mails nobody.
    const notice = {
      type: 'notify-customers',
      noticeId: `notice-${randomUUID()}`,
      message: {
        'zh-CN': '我们已查明原因，将为您免费更换。',
        en: 'We found the cause and will replace it for free.',
      },
    };
    const notified = await incidentAction(supervisor, incident.id, notice);
    expect(notified.status).toBe(200);
    expect(notified.body).toMatchObject({ queued: 3, withoutEmail: 0 });
    await incidentAction(supervisor, incident.id, notice);
    const recipients = [
      { email: zh1.email, locale: 'zh-CN' },
      { email: zh2.email, locale: 'zh-CN' },
      { email: en.email, locale: 'en' },
    ];
    const noticesTo = async (email: string, locale: string) =>
      (await emailsTo(email)).filter((mail) =>
        mail.subject.includes(locale === 'en' ? 'News about your complaint' : '最新进展'),
      );
    // Each complaint's workflow sends its notice.
    await eventually(async () => {
      const counts = await Promise.all(recipients.map(({ email, locale }) => noticesTo(email, locale)));
      return counts.every((found) => found.length > 0) ? true : undefined;
    }, 30_000);
    await sleep(2_000);
    for (const { email, locale } of recipients) {
      const notices = await noticesTo(email, locale);
      expect(notices).toHaveLength(1);
      expect(notices[0]!.body.text).toContain(
        locale === 'en'
          ? 'We found the cause and will replace it for free.'
          : '我们已查明原因，将为您免费更换。',
      );
    }
    expect((await emailsTo(untouched.email)).some((mail) => mail.subject.includes('最新进展'))).toBe(false);

    // Two of the three are under investigation; the third is not, and is reported, not forced.
    for (const { id } of [zh1, en]) {
      for (const action of [
        { type: 'accept' },
        { type: 'contact-customer', channel: 'phone', summary: '电话联系客户，确认问题' },
      ]) {
        const result = await staffAction(agent, id, {
          ...action,
          expectedVersion: (await getComplaint(id))!.version,
        });
        expect(result.status).toBe(200);
      }
    }
    const resolved = await incidentAction(supervisor, incident.id, {
      type: 'resolve',
      summary: '已为您免费更换新的充电宝',
      remedy: 'replace',
      rootCause: 'supplier',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.done!.sort()).toEqual([zh1.id, en.id].sort());
    expect(resolved.body.skipped).toHaveLength(1);
    expect(resolved.body.skipped![0]).toMatchObject({ complaintId: zh2.id });
    expect(resolved.body.skipped![0]!.reason).toMatch(/cannot be resolved/u);
    expect(resolved.body.incident.status).toBe('resolved');
    expect(resolved.body.incident.complaints.find((complaint) => complaint.id === zh1.id)?.status).toBe(
      'resolved',
    );

    // Each resolved complaint gets its own result notice from its workflow.
    for (const { email, reference } of [zh1, en]) {
      const notices = await eventually(async () => {
        const found = (await sentEmails()).filter(
          (mail) =>
            mail.destination.to.includes(email) &&
            mail.subject.includes(reference) &&
            /已处理完毕|has been resolved/u.test(mail.subject),
        );
        return found.length > 0 ? found : undefined;
      }, 30_000);
      expect(notices).toHaveLength(1);
    }
    // A resolved incident takes no more links.
    const late = await incidentAction(supervisor, incident.id, {
      type: 'link',
      complaintIds: [untouched.id],
    });
    expect(late.status).toBe(422);
  }, 180_000);
});
