import { randomUUID } from 'node:crypto';
import { apiUrl, eventually, postComplaint } from './http.ts';
import { chineseComplaint } from './fixtures.ts';

/** Import only after useLocalStack(): these read the stack's settings. */
export const loadStaffTokens = async () => {
  const { issueDevToken } = await import('../../local/auth/issue-token.ts');
  return {
    agent: await issueDevToken({ role: 'agent', department: 'quality', subject: 'agent-q1' }),
    supervisor: await issueDevToken({ role: 'supervisor', department: 'quality', subject: 'sup-q1' }),
  };
};

export const staffRequest = (token: string | undefined, path: string, init: RequestInit = {}) =>
  fetch(`${apiUrl()}${path}`, {
    ...init,
    headers: {
      ...(init.headers as Record<string, string> | undefined),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });

export interface ActionResult {
  status: number;
  body: { version: number; status: string; allowed?: string[] } & Record<string, unknown>;
}

/** POST one staff action; answers the status and the case (or the problem). */
export const staffAction = async (
  token: string,
  id: string,
  action: Record<string, unknown>,
): Promise<ActionResult> => {
  const response = await staffRequest(token, `/v1/staff/complaints/${id}/actions`, {
    method: 'POST',
    body: JSON.stringify(action),
  });
  return { status: response.status, body: (await response.json()) as ActionResult['body'] };
};

/**
 * A product-quality complaint taken through the staff API to "resolved" (accept, contact, and the
 * proposal approval its grade needs), as a case handler would.
 */
export const resolvedComplaint = async (resolution: Record<string, unknown> = {}) => {
  const { getComplaint } = await import('../../functions/adapters/complaint-repository.ts');
  const { agent, supervisor } = await loadStaffTokens();
  const email = `follow-up-${randomUUID()}@example.com`;
  const created = (await (
    await postComplaint(chineseComplaint({ customer: { name: '李娜', email } }))
  ).json()) as { id: string; reference: string; trackingToken: string };
  const { id } = created;
  await eventually(async () => ((await getComplaint(id))?.waitStage === 'firstResponse' ? true : undefined));
  const version = async () => (await getComplaint(id))!.version;
  const must = async (token: string, action: Record<string, unknown>) => {
    const result = await staffAction(token, id, { ...action, expectedVersion: await version() });
    if (result.status !== 200)
      throw new Error(`${String(action.type)}: ${result.status} ${JSON.stringify(result.body)}`);
    return result;
  };
  await must(agent, { type: 'accept' });
  await must(agent, { type: 'contact-customer', channel: 'phone', summary: '电话联系客户，确认问题' });
  const { severity } = (await getComplaint(id))!;
  if (severity === 'L1' || severity === 'L2') {
    await must(agent, { type: 'propose-resolution', summary: '更换新品', remedy: 'replace' });
    await must(supervisor, { type: 'approve-proposal' });
  }
  await must(agent, {
    type: 'resolve',
    outcome: 'resolved',
    summary: '已为您更换新的电热水壶',
    remedy: 'replace',
    rootCause: 'manufacturing',
    ...resolution,
  });
  return { ...created, email };
};
