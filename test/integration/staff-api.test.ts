import { randomUUID } from 'node:crypto';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { ROUTES, isStaffRoute } from '../../functions/routes.ts';
import { executionArnOf, useLocalStack } from '../support/stack-client.ts';
import { CURRENT_PRIVACY_NOTICE_VERSION } from '../../functions/domain/privacy.ts';
import { chineseComplaint } from '../support/fixtures.ts';
import { apiUrl, eventually, postComplaint, sentEmails } from '../support/http.ts';

await useLocalStack();
const { issueDevToken } = await import('../../local/auth/issue-token.ts');
const { devKeys, DEV_AUDIENCE, DEV_ISSUER } = await import('../../local/auth/dev-keys.ts');
const { SignJWT } = await import('jose');
const { getComplaint } = await import('../../functions/adapters/complaint-repository.ts');

const sfn = new SFNClient({});
const agent = await issueDevToken({ role: 'agent', department: 'quality', subject: 'agent-q1' });
const supervisor = await issueDevToken({ role: 'supervisor', department: 'quality', subject: 'sup-q1' });
const otherAgent = await issueDevToken({ role: 'agent', department: 'logistics', subject: 'agent-l1' });
const manager = await issueDevToken({ role: 'manager', subject: 'mgr-1' });

const staff = (token: string | undefined, path: string, init: RequestInit = {}) =>
  fetch(`${apiUrl()}${path}`, {
    ...init,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });

interface CaseDetail {
  id: string;
  version: number;
  status: string;
  customer: { email: string; phone?: string };
  allowedActions: string[];
  notes: { text: string }[];
  sla: { firstResponse: { completedAt: string | null }; resolution: { completedAt: string | null } };
  timeline: { type: string; at: string; actor: unknown; changes?: unknown }[];
}

const act = async (token: string, id: string, action: Record<string, unknown>) => {
  const response = await staff(token, `/v1/staff/complaints/${id}/actions`, {
    method: 'POST',
    body: JSON.stringify(action),
  });
  return { status: response.status, body: (await response.json()) as CaseDetail & { allowed?: string[] } };
};

/** A product-quality complaint (department "quality"), once the workflow waits for first contact. */
const qualityComplaint = async () => {
  const email = `staff-${randomUUID()}@example.com`;
  const response = await postComplaint(
    chineseComplaint({
      customer: { name: '孙丽', email, phone: '+86 139 1234 5678' },
      categoryHint: 'product-quality',
    }),
  );
  const created = (await response.json()) as { id: string; reference: string; trackingToken: string };
  await eventually(async () =>
    (await getComplaint(created.id))?.waitStage === 'firstResponse' ? true : undefined,
  );
  return { ...created, email };
};

describe('staff API: authentication and authorisation', () => {
  const staffRoutes = ROUTES.filter(isStaffRoute);
  const expired = issueDevToken({ role: 'agent', department: 'quality', expiresInSeconds: -120 });

  it.each(staffRoutes.map((route) => [route.method, route.path] as const))(
    '%s %s: no token, a forged signature or an expired token is 401',
    async (method, path) => {
      const url = path.replace('{id}', '01ARZ3NDEKTSV4RRFFQ69G5FAV');
      const body = method === 'POST' ? JSON.stringify({ type: 'accept', expectedVersion: 1 }) : undefined;
      const forged = `${agent.split('.').slice(0, 2).join('.')}.${'A'.repeat(86)}`;
      for (const token of [undefined, forged, await expired, 'not-a-jwt']) {
        const response = await staff(token, url, { method, body });
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toContain('Bearer');
      }
    },
  );

  /** A request on `route` for complaint `id`, made as the department "quality" would see it. */
  const requestFor = (route: (typeof staffRoutes)[number], id: string, version: number) => ({
    url:
      route.path === '/v1/staff/complaints'
        ? '/v1/staff/complaints?department=quality'
        : route.path.replace('{id}', id),
    init:
      route.method === 'POST' || route.method === 'PUT'
        ? { method: route.method, body: JSON.stringify({ type: 'accept', expectedVersion: version }) }
        : { method: route.method },
  });

  it('answers 403 on every staff route for a token without a staff role, or of another department', async () => {
    const { id } = await qualityComplaint();
    const { version } = (await getComplaint(id))!;
    // A valid token whose groups hold no staff role.
    const keys = await devKeys();
    const outsider = await new SignJWT({ 'cognito:groups': ['customers'], 'custom:department': 'quality' })
      .setProtectedHeader({ alg: 'ES256', kid: keys.kid })
      .setSubject('outsider')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(keys.privateKey);
    for (const route of staffRoutes) {
      const { url, init } = requestFor(route, id, version);
      for (const [who, token] of [
        ['outsider', outsider],
        // The directory is not about the complaint: another department's agent reads their own (below).
        // Logging a complaint is any agent's (triage routes it): staff-intake.test.ts covers it.
        // Incidents span departments: any member of staff reads them (other departments' complaints
        // without their subjects, test/unit/domain/incident.test.ts).
        // Reply templates are the whole staff's knowledge base (templates.test.ts).
        // Corrective actions: an agent lists their own department's (corrective-actions.test.ts).
        ...([
          'GetStaffDirectory',
          'LogStaffComplaint',
          'ListIncidents',
          'GetIncident',
          'ListReplyTemplates',
          'ListCorrectiveActions',
        ].includes(route.name)
          ? []
          : ([['agent of logistics', otherAgent]] as const)),
      ] as const) {
        const response = await staff(token, url, init);
        expect({ route: route.name, who, status: response.status }).toEqual({
          route: route.name,
          who,
          status: 403,
        });
        expect(response.headers.get('content-type')).toContain('application/problem+json');
      }
    }
    const directory = (await (await staff(otherAgent, '/v1/staff/directory')).json()) as {
      staff: { department?: string }[];
    };
    expect(directory.staff.every((member) => member.department === 'logistics')).toBe(true);
    // Nothing changed.
    expect((await getComplaint(id))!.version).toBe(version);
  });

  it('answers 403 for an action the role may not take', async () => {
    const { id } = await qualityComplaint();
    expect((await staff(otherAgent, `/v1/staff/complaints/${id}`)).status).toBe(403);
    expect((await staff(otherAgent, '/v1/staff/complaints?department=quality')).status).toBe(403);
    const detail = (await (await staff(agent, `/v1/staff/complaints/${id}`)).json()) as CaseDetail;
    expect((await act(otherAgent, id, { type: 'accept', expectedVersion: detail.version })).status).toBe(403);
    // The agent of the department may work the case; approving a proposal needs a supervisor.
    const accepted = await act(agent, id, { type: 'accept', expectedVersion: detail.version });
    expect(accepted.status).toBe(200);
    const contacted = await act(agent, id, {
      type: 'contact-customer',
      expectedVersion: accepted.body.version,
      channel: 'email',
      summary: '已邮件联系',
    });
    const l1Proposal = await act(agent, id, {
      type: 'propose-resolution',
      expectedVersion: contacted.body.version,
      summary: '退款',
      remedy: 'refund',
    });
    expect(l1Proposal.status).toBe(200);
    expect(l1Proposal.body.status).toBe('solution-proposed');
    expect(
      (await act(agent, id, { type: 'approve-proposal', expectedVersion: l1Proposal.body.version })).status,
    ).toBe(403);
  });
});

describe('staff API: the case path', () => {
  it('queue → accept → conflicts → contact → request info → customer reply → propose → resolve → close', async () => {
    const { id, reference, trackingToken, email } = await qualityComplaint();

    // Queue: found by reference, sorted by due time, contact details masked.
    const queue = await staff(agent, `/v1/staff/complaints?reference=${reference.slice(-6)}`);
    expect(queue.status).toBe(200);
    const page = (await queue.json()) as {
      items: { id: string; customer: { email: string; phone: string } }[];
    };
    const row = page.items.find((item) => item.id === id)!;
    expect(row.customer.email).toMatch(/^s\*\*\*@example\.com$/u);
    expect(row.customer.phone).toBe('***5678');
    expect(JSON.stringify(page)).not.toContain(email);

    // Detail: agents see contact details, managers do not.
    let detail = (await (await staff(agent, `/v1/staff/complaints/${id}`)).json()) as CaseDetail;
    expect(detail.customer.email).toBe(email);
    const managerView = (await (await staff(manager, `/v1/staff/complaints/${id}`)).json()) as CaseDetail;
    expect(managerView.customer.email).not.toBe(email);

    let result = await act(agent, id, { type: 'accept', expectedVersion: detail.version });
    expect(result.status).toBe(200);
    detail = result.body;
    expect(detail.status).toBe('accepted');

    expect(
      (await act(agent, id, { type: 'assign', expectedVersion: detail.version - 1, assignee: 'agent-q1' }))
        .status,
    ).toBe(409);
    const illegal = await act(agent, id, { type: 'close', expectedVersion: detail.version });
    expect(illegal.status).toBe(422);
    expect(illegal.body.allowed).toEqual(detail.allowedActions);
    expect((await act(agent, id, { type: 'accept', expectedVersion: 'x' })).status).toBe(400);

    result = await act(agent, id, {
      type: 'contact-customer',
      expectedVersion: detail.version,
      channel: 'phone',
      summary: '电话联系，客户确认漏水',
    });
    detail = result.body;
    expect(detail.sla.firstResponse.completedAt).not.toBeNull();
    // The workflow moved on at once: it now waits in the resolution stage.
    await eventually(
      async () => ((await getComplaint(id))?.waitStage === 'resolution' ? true : undefined),
      5_000,
    );

    result = await act(agent, id, {
      type: 'request-info',
      expectedVersion: detail.version,
      message: '请提供购买凭证和漏水照片',
    });
    detail = result.body;
    expect(detail.status).toBe('awaiting-customer');
    const ask = await eventually(async () =>
      (await sentEmails()).find(
        (mail) => mail.destination.to.includes(email) && mail.subject.includes('补充信息'),
      ),
    );
    expect(ask.body.text).toContain('请提供购买凭证和漏水照片');

    const reply = await fetch(`${apiUrl()}/v1/complaints/${id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tracking-token': trackingToken },
      body: JSON.stringify({ message: '凭证和照片已上传到订单页面' }),
    });
    expect(reply.status).toBe(201);
    detail = (await (await staff(agent, `/v1/staff/complaints/${id}`)).json()) as CaseDetail;
    expect(detail.status).toBe('investigating');

    result = await act(agent, id, {
      type: 'add-note',
      expectedVersion: detail.version,
      text: '已与质检确认为批次问题',
    });
    detail = result.body;
    expect(detail.notes.map((note) => note.text)).toContain('已与质检确认为批次问题');
    result = await act(agent, id, {
      type: 'propose-resolution',
      expectedVersion: detail.version,
      summary: '更换新品',
      remedy: 'replace',
    });
    result = await act(agent, id, {
      type: 'resolve',
      expectedVersion: result.body.version,
      outcome: 'resolved',
      summary: '已更换新品',
      remedy: 'replace',
      rootCause: 'manufacturing',
    });
    expect(result.status).toBe(200);
    // The workflow moves on to the follow-up and mails the result at once.
    const notice = await eventually(async () =>
      (await sentEmails()).find(
        (mail) => mail.destination.to.includes(email) && mail.subject.includes('已处理完毕'),
      ),
    );
    expect(notice.body.text).toContain('已更换新品');
    // The workflow takes the sent notice off the outbox just after mailing it (a new version): a close
    // read before that write is stale, so it reads again.
    result = await eventually(async () => {
      detail = (await (await staff(supervisor, `/v1/staff/complaints/${id}`)).json()) as CaseDetail;
      const closed = await act(supervisor, id, { type: 'close', expectedVersion: detail.version });
      return closed.status === 409 ? undefined : closed;
    });
    expect(result.body.status).toBe('closed');
    const { status: execution } = await sfn.send(
      new DescribeExecutionCommand({ executionArn: executionArnOf(id) }),
    );
    // Closed by staff, the complaint still gets its satisfaction survey.
    expect(execution).toBe('RUNNING');

    // The customer sees their side of it, never the internal note.
    const publicView = (await (
      await fetch(`${apiUrl()}/v1/complaints/${id}`, { headers: { 'x-tracking-token': trackingToken } })
    ).json()) as {
      status: string;
      timeline: { type: string }[];
    };
    expect(publicView.status).toBe('closed');
    const types = publicView.timeline.map((entry) => entry.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'customer.contacted',
        'info.requested',
        'customer.replied',
        'complaint.resolved',
      ]),
    );
    expect(types).not.toContain('note.added');
    expect(types).not.toContain('complaint.triaged');
  }, 60_000);
});

describe('OpenAPI', () => {
  it('describes every route, with bearer security on the staff routes', async () => {
    const response = await fetch(`${apiUrl()}/v1/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    expect(document.openapi).toBe('3.1.0');
    for (const route of ROUTES) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation!.security !== undefined).toBe(isStaffRoute(route));
    }
  });
});

describe('staff API: consent', () => {
  it('shows the privacy notice version the customer consented to on the case', async () => {
    const response = await postComplaint(
      chineseComplaint({
        customer: { name: '孙丽', email: `consent-${randomUUID()}@example.com` },
        categoryHint: 'product-quality',
        consent: { dataProcessing: true, privacyNoticeVersion: CURRENT_PRIVACY_NOTICE_VERSION },
      }),
    );
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const detail = await eventually(async () => {
      const read = await staff(agent, `/v1/staff/complaints/${id}`);
      return read.status === 200 ? ((await read.json()) as { consent: unknown }) : undefined;
    });
    const { recordedAt, ...consent } = detail.consent as { recordedAt: string };
    expect(consent).toEqual({ dataProcessing: true, privacyNoticeVersion: CURRENT_PRIVACY_NOTICE_VERSION });
    expect(Number.isNaN(Date.parse(recordedAt))).toBe(false);
  });
});
