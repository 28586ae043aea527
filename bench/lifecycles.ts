import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../local/paths.ts';
import type { StackProcess } from './local-stack-process.ts';
import { postComplaint, uniqueEmail } from './sample-complaints.ts';
import { eventually, staffApi, workflowClient } from './stack-client.ts';

/**
 * The complaint lifecycles the cost and capacity benchmarks replay on a local stack, one at a time:
 * the happy path, one escalation, a reopen. Each reports the API requests it made, by route and by
 * phase: intake (until the complaint awaits its first response) or later.
 */

/** API requests a lifecycle made, per route ("GET /v1/…"), split at the end of intake. */
export class RequestTally {
  readonly intake = new Map<string, number>();
  readonly later = new Map<string, number>();
  /** Real time (epoch ms) when the complaint first awaited its first response. */
  intakeEndedAt: number | undefined;

  request(route: string, times = 1): void {
    const phase = this.intakeEndedAt === undefined ? this.intake : this.later;
    phase.set(route, (phase.get(route) ?? 0) + times);
  }

  get total(): number {
    return [...this.intake.values(), ...this.later.values()].reduce((sum, n) => sum + n, 0);
  }
}

export interface Lifecycle {
  name: string;
  description: string;
  /** Runs the lifecycle to the end of its execution; returns the complaint id. */
  run: (tally: RequestTally) => Promise<string>;
}

/**
 * The shipped policy with a follow-up that fits the bench: survey 1 h after resolution, reminder
 * after 1 h, window 2 h, reopen window 1 h (seconds at the 3600× clock; a closed complaint's
 * execution waits out the reopen window). The customer never answers the survey. Written to `dir`.
 */
export const BENCH_FOLLOW_UP = {
  surveyDelay: { hours: 1 },
  reminderAfter: { hours: 1 },
  surveyWindow: { hours: 2 },
  reopenWindow: { hours: 1 },
};

export const writeBenchPolicy = (dir: string): string => {
  const policyFile = join(dir, 'policy.json');
  const policy = JSON.parse(readFileSync(join(REPO_ROOT, 'policy/complaint-policy.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  writeFileSync(policyFile, JSON.stringify({ ...policy, followUp: BENCH_FOLLOW_UP }));
  return policyFile;
};

const l3Complaint = (email: string) => ({
  customer: { name: '钱进', email, locale: 'zh-CN' },
  subject: '包装盒有压痕',
  description: '收到的商品外包装盒有明显压痕，商品本身可以使用。',
  categoryHint: 'other',
  consent: { dataProcessing: true },
});

const l1Complaint = (email: string) => ({
  customer: { name: '赵敏', email, locale: 'zh-CN' },
  subject: '电暖器起火',
  description: '电暖器使用中突然起火冒烟，孩子的手被烫伤，请立即处理！',
  consent: { dataProcessing: true },
});

/** The lifecycles, against `stack` (whose adapters this process uses: useStackProcess). */
export const benchLifecycles = async (stack: StackProcess) => {
  const { getComplaint } = await import('../functions/adapters/complaint-repository.ts');
  const { issueDevToken } = await import('../local/auth/issue-token.ts');
  const staff = staffApi(stack, await issueDevToken({ role: 'manager', subject: 'bench-manager' }));
  const approver = staffApi(stack, await issueDevToken({ role: 'manager', subject: 'bench-approver' }));
  const workflow = workflowClient(stack);
  const submit = async (tally: RequestTally, body: object) => {
    // The public form fetches a proof-of-work challenge, then posts.
    tally.request('GET /v1/challenge');
    tally.request('POST /v1/complaints');
    const response = await postComplaint(stack.urls.api, body);
    return ((await response.json()) as { id: string }).id;
  };
  const act = async (tally: RequestTally, id: string, action: Record<string, unknown>, by = staff) => {
    // The console loads the case, then acts (again when the workflow changed it meanwhile).
    const attempts = await by.act(id, action);
    tally.request('GET /v1/staff/complaints/{id}', attempts);
    tally.request('POST /v1/staff/complaints/{id}/actions', attempts);
  };
  const waitStage = (id: string, stage: string) =>
    eventually(
      async () => ((await getComplaint(id))?.waitStage === stage ? true : undefined),
      30_000,
      `stage ${stage}`,
    );
  const intakeEnds = async (tally: RequestTally, id: string) => {
    await waitStage(id, 'firstResponse');
    tally.intakeEndedAt = Date.now();
  };
  const finished = (id: string) =>
    eventually(
      async () => ((await workflow.status(id)) === 'SUCCEEDED' ? true : undefined),
      60_000,
      'execution end',
    );
  const contact = { type: 'contact-customer', channel: 'phone', summary: '已电话联系客户，了解情况。' };
  const resolve = {
    type: 'resolve',
    outcome: 'resolved',
    summary: '已为客户更换新品。',
    remedy: 'replace',
    rootCause: 'logistics',
  };

  const happyPath = async (tally: RequestTally) => {
    const id = await submit(tally, l3Complaint(uniqueEmail('cost-happy')));
    await intakeEnds(tally, id);
    await act(tally, id, contact);
    await waitStage(id, 'resolution');
    await act(tally, id, resolve);
    await finished(id);
    return id;
  };
  const lifecycles: Lifecycle[] = [
    {
      name: 'happy path',
      description: 'L3 complaint: acknowledged, contacted, resolved, survey mailed and reminded, no answer',
      run: happyPath,
    },
    {
      name: 'one escalation',
      description:
        'L1 (fire, injury) complaint: emergency alert, first response missed once (supervisor mailed), then contacted; proposal approved; resolved',
      run: async (tally) => {
        const id = await submit(tally, l1Complaint(uniqueEmail('cost-escalation')));
        // An L1 complaint awaits its first response only briefly: intake ends at its acknowledgement.
        await intakeEnds(tally, id);
        await eventually(
          async () => (((await getComplaint(id))?.sla?.escalationLevel ?? 0) >= 1 ? true : undefined),
          30_000,
          'first escalation',
        );
        await act(tally, id, contact);
        await waitStage(id, 'resolution');
        await act(tally, id, {
          type: 'propose-resolution',
          summary: '更换新品并赔偿医疗费用。',
          remedy: 'compensation',
          amount: 500,
        });
        await act(tally, id, { type: 'approve-proposal' }, approver); // not its author
        // The resolution carries out the approved offer.
        await act(tally, id, { ...resolve, remedy: 'compensation', amount: 500 });
        await finished(id);
        return id;
      },
    },
    {
      name: 'reopen',
      description:
        'L3 complaint resolved, reopened by a supervisor (`reopen`) during the follow-up, resolved again, survey unanswered',
      run: async (tally) => {
        const id = await submit(tally, l3Complaint(uniqueEmail('cost-reopen')));
        await intakeEnds(tally, id);
        await act(tally, id, contact);
        await waitStage(id, 'resolution');
        await act(tally, id, resolve);
        // Reopened while the workflow follows up, which takes it back to the resolution stage.
        await act(tally, id, { type: 'reopen', reason: '客户反馈问题仍未解决。' });
        await waitStage(id, 'resolution');
        await act(tally, id, resolve);
        await finished(id);
        return id;
      },
    },
  ];
  return {
    /** The first lifecycle would otherwise carry module loading and JIT. */
    warmUp: () => happyPath(new RequestTally()),
    lifecycles,
    getComplaint,
    workflow,
  };
};
