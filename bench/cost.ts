import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  costPerThousand,
  gbSeconds,
  requestUnits,
  US_EAST_1,
  type CapacityRecord,
  type Usage,
} from './cost-model.ts';
import { startStackProcess, useStackProcess, type StackProcess } from './local-stack-process.ts';
import { REPO_ROOT } from '../local/paths.ts';
import { section, type Section } from './report.ts';
import { postComplaint, uniqueEmail } from './sample-complaints.ts';
import { eventually, sentEmails, staffApi, workflowClient } from './stack-client.ts';

/**
 * Memory of each function as the CDK constructs set it (node-function.ts default 512; both table-stream
 * consumers, table-stream-consumer.ts, 256).
 */
const MEMORY_MB: Record<string, number> = { StartLifecycle: 256, CountKpis: 256 };
const DEFAULT_MEMORY_MB = 512;

const lines = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);

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

interface Measured {
  usage: Usage;
  unreportedCapacity: number;
  byFunction: Map<string, number>;
}

/**
 * The usage one lifecycle leaves behind: everything the stack recorded between `run` starting and
 * the stack falling quiet after it. Lifecycles run one at a time, so nothing else is in the window.
 */
const measure = async (
  stack: StackProcess,
  files: { capacity: string; invocations: string },
  run: (count: { api: number }) => Promise<string>,
): Promise<Measured> => {
  const capacityBefore = lines(files.capacity).length;
  const invocationsBefore = lines(files.invocations).length;
  const mailsBefore = (await sentEmails(stack)).length;
  const count = { api: 0 };
  const complaintId = await run(count);
  await new Promise((resolve) => setTimeout(resolve, 1500)); // let trailing tasks and mail finish
  const history = await workflowClient(stack).history(complaintId);
  const recorded = lines<{ functionName: string; ms: number }>(files.invocations).slice(invocationsBefore);
  // The local poller hands every stream batch to the consumer; in AWS the event source mapping's
  // filter (INSERT of a complaint, infra/constructs/lifecycle-starter.ts) lets one through per
  // complaint. Count that one: the longest, the batch that started the execution.
  const starts = recorded.filter(({ functionName }) => functionName === 'StartLifecycle');
  const longestStart = starts.toSorted((a, b) => b.ms - a.ms).slice(0, 1);
  const invocations = [
    ...recorded.filter(({ functionName }) => functionName !== 'StartLifecycle'),
    ...longestStart,
  ];
  const units = requestUnits(lines<CapacityRecord>(files.capacity).slice(capacityBefore));
  const byFunction = new Map<string, number>();
  for (const { functionName } of invocations)
    byFunction.set(functionName, (byFunction.get(functionName) ?? 0) + 1);
  return {
    usage: {
      stateTransitions: history.filter((event) => event.type?.endsWith('StateEntered')).length,
      lambdaInvocations: invocations.length,
      lambdaGbSeconds: invocations.reduce(
        (sum, { functionName, ms }) => sum + gbSeconds(ms, MEMORY_MB[functionName] ?? DEFAULT_MEMORY_MB),
        0,
      ),
      readRequestUnits: units.read,
      writeRequestUnits: units.write,
      sesMessages: (await sentEmails(stack)).length - mailsBefore,
      apiRequests: count.api,
    },
    unreportedCapacity: units.unreported,
    byFunction,
  };
};

/** Usage and USD per 1,000 complaints for the happy path, one escalation and a reopen. */
export const benchCost = async (): Promise<Section> => {
  const result = section('Cost model per complaint lifecycle');
  const dir = mkdtempSync(join(tmpdir(), 'complaints-cost-'));
  const files = { capacity: join(dir, 'capacity.jsonl'), invocations: join(dir, 'invocations.jsonl') };
  writeFileSync(files.capacity, '');
  writeFileSync(files.invocations, '');
  // The shipped policy with a follow-up that fits the bench: survey 1 h after resolution, reminder
  // after 1 h, window 2 h, reopen window 1 h (seconds at the 3600× clock; a closed complaint's
  // execution waits out the reopen window). The customer never answers the survey.
  const policyFile = join(dir, 'policy.json');
  const policy = JSON.parse(readFileSync(join(REPO_ROOT, 'policy/complaint-policy.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  writeFileSync(
    policyFile,
    JSON.stringify({
      ...policy,
      followUp: {
        surveyDelay: { hours: 1 },
        reminderAfter: { hours: 1 },
        surveyWindow: { hours: 2 },
        reopenWindow: { hours: 1 },
      },
    }),
  );
  const stack = await startStackProcess({
    slaTimeScale: 3600,
    env: {
      CONSUMED_CAPACITY_LOG: files.capacity,
      LAMBDA_INVOCATION_LOG: files.invocations,
      POLICY_FILE: policyFile,
    },
  });
  try {
    useStackProcess(stack);
    const { getComplaint } = await import('../functions/adapters/complaint-repository.ts');
    const { issueDevToken } = await import('../local/auth/issue-token.ts');
    const staff = staffApi(stack, await issueDevToken({ role: 'manager', subject: 'bench-manager' }));
    const approver = staffApi(stack, await issueDevToken({ role: 'manager', subject: 'bench-approver' }));
    const workflow = workflowClient(stack);
    const submit = async (count: { api: number }, body: object) => {
      count.api += 1;
      const response = await postComplaint(stack.urls.api, body);
      return ((await response.json()) as { id: string }).id;
    };
    const act = async (count: { api: number }, id: string, action: Record<string, unknown>, by = staff) => {
      // The console loads the case, then acts (again when the workflow changed it meanwhile).
      count.api += 2 * (await by.act(id, action));
    };
    const waitStage = (id: string, stage: string) =>
      eventually(
        async () => ((await getComplaint(id))?.waitStage === stage ? true : undefined),
        30_000,
        `stage ${stage}`,
      );
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
      // Resolving records the root cause (issue 19).
      rootCause: 'manufacturing',
    };

    const happyPath = async (count: { api: number }) => {
      const id = await submit(count, l3Complaint(uniqueEmail('cost-happy')));
      await waitStage(id, 'firstResponse');
      await act(count, id, contact);
      await waitStage(id, 'resolution');
      await act(count, id, resolve);
      await finished(id);
      return id;
    };
    // Warm-up: the first lifecycle would otherwise carry module loading and JIT.
    await happyPath({ api: 0 });
    const lifecycles: [string, string, (count: { api: number }) => Promise<string>][] = [
      [
        'happy path',
        'L3 complaint: acknowledged, contacted, resolved, survey mailed and reminded, no answer',
        happyPath,
      ],
      [
        'one escalation',
        'L1 (fire, injury) complaint: emergency alert, first response missed once (supervisor mailed), then contacted; proposal approved; resolved',
        async (count) => {
          const id = await submit(count, l1Complaint(uniqueEmail('cost-escalation')));
          await eventually(
            async () => (((await getComplaint(id))?.sla?.escalationLevel ?? 0) >= 1 ? true : undefined),
            30_000,
            'first escalation',
          );
          await act(count, id, contact);
          await waitStage(id, 'resolution');
          await act(count, id, {
            type: 'propose-resolution',
            summary: '更换新品并赔偿医疗费用。',
            remedy: 'compensation',
            amount: 500,
          });
          await act(count, id, { type: 'approve-proposal' }, approver); // not its author
          // The resolution is bound to the approved proposal (staff controls): its remedy and amount.
          await act(count, id, { ...resolve, remedy: 'compensation', amount: 500 });
          await finished(id);
          return id;
        },
      ],
      [
        'reopen',
        'L3 complaint resolved, reopened by a supervisor (`reopen`) during the follow-up, resolved again, survey unanswered',
        async (count) => {
          const id = await submit(count, l3Complaint(uniqueEmail('cost-reopen')));
          await waitStage(id, 'firstResponse');
          await act(count, id, contact);
          await waitStage(id, 'resolution');
          await act(count, id, resolve);
          // Reopened while the workflow follows up, which takes it back to the resolution stage.
          await act(count, id, { type: 'reopen', reason: '客户反馈问题仍未解决。' });
          await waitStage(id, 'resolution');
          await act(count, id, resolve);
          await finished(id);
          return id;
        },
      ],
    ];

    result.lines.push(
      `Each lifecycle runs alone on the local stack (SLA clock 3600× faster); its usage is what the stack recorded meanwhile: state transitions = StateEntered events of its execution history; Lambda invocations and durations from the local invoker (LAMBDA_INVOCATION_LOG), billed at the CDK memory (512 MB, the two stream consumers 256 MB); DynamoDB units from ReturnConsumedCapacity TOTAL (CONSUMED_CAPACITY_LOG, a middleware local/capacity-log.ts puts on the functions' DynamoDB client); SES messages from the SES store; API requests = submissions + staff case loads + actions. Prices: ${US_EAST_1.region} (${US_EAST_1.asOf}): Lambda arm64 $${US_EAST_1.lambdaPerGbSecondArm}/GB-s and $0.20 per 1 M requests; Step Functions Standard $0.025 per 1,000 transitions; DynamoDB on-demand $0.625 per 1 M WRU and $0.125 per 1 M RRU; SES $0.10 per 1,000 messages; HTTP API $1.00 per 1 M requests. Free tiers ignored.`,
      '',
      '| lifecycle | transitions | Lambda invocations | GB-s | RRU | WRU | SES | API requests | USD / 1,000 complaints |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    const breakdowns: string[] = [];
    for (const [name, description, run] of lifecycles) {
      const measured = await measure(stack, files, run);
      const u = measured.usage;
      const cost = costPerThousand(u, US_EAST_1);
      result.lines.push(
        `| ${name} | ${u.stateTransitions} | ${u.lambdaInvocations} | ${u.lambdaGbSeconds.toFixed(3)} | ${u.readRequestUnits.toFixed(1)} | ${u.writeRequestUnits.toFixed(1)} | ${u.sesMessages} | ${u.apiRequests} | $${cost.total.toFixed(3)} |`,
      );
      breakdowns.push(
        `- ${name} (${description}): Step Functions $${cost.stepFunctions.toFixed(3)}, Lambda $${(cost.lambdaRequests + cost.lambdaDuration).toFixed(3)}, DynamoDB $${cost.dynamoDb.toFixed(4)}, SES $${cost.ses.toFixed(3)}, API Gateway $${cost.apiGateway.toFixed(4)}; invocations ${[...measured.byFunction.entries()].map(([f, n]) => `${f} ${n}`).join(', ')}` +
          (measured.unreportedCapacity > 0
            ? `; ${measured.unreportedCapacity} DynamoDB calls reported no capacity`
            : ''),
      );
    }
    result.lines.push('', 'Per 1,000 complaints, by service:', '', ...breakdowns);
    result.notes.push(
      'The stream consumer is counted once per complaint, as the INSERT filter of its event source mapping does in AWS (the local poller delivers every batch). Lambda durations are those of the handlers on this machine in the local runtime (warm, after the first call), an estimate of Lambda billed duration, not a measurement on AWS; DynamoDB Local computes the consumed capacity itself; failed conditional writes (none expected here) are not counted.',
    );
    workflow.destroy();
    return result;
  } finally {
    await stack.stop();
  }
};
