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
import { section, type Section } from './report.ts';
import { benchLifecycles, RequestTally, writeBenchPolicy } from './lifecycles.ts';
import { sentEmails, workflowClient } from './stack-client.ts';

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
  run: (tally: RequestTally) => Promise<string>,
): Promise<Measured> => {
  const capacityBefore = lines(files.capacity).length;
  const invocationsBefore = lines(files.invocations).length;
  const mailsBefore = (await sentEmails(stack)).length;
  const tally = new RequestTally();
  const complaintId = await run(tally);
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
      apiRequests: tally.total,
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
  const policyFile = writeBenchPolicy(dir);
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
    const { warmUp, lifecycles, workflow } = await benchLifecycles(stack);
    await warmUp();
    result.lines.push(
      `Each lifecycle runs alone on the local stack (SLA clock 3600× faster); its usage is what the stack recorded meanwhile: state transitions = StateEntered events of its execution history; Lambda invocations and durations from the local invoker (LAMBDA_INVOCATION_LOG), billed at the CDK memory (512 MB, the two stream consumers 256 MB); DynamoDB units from ReturnConsumedCapacity TOTAL (CONSUMED_CAPACITY_LOG, a middleware local/capacity-log.ts puts on the functions' DynamoDB client); SES messages from the SES store; API requests = challenge + submission, staff case loads + actions. Prices: ${US_EAST_1.region} (${US_EAST_1.asOf}): Lambda arm64 $${US_EAST_1.lambdaPerGbSecondArm}/GB-s and $0.20 per 1 M requests; Step Functions Standard $0.025 per 1,000 transitions; DynamoDB on-demand $0.625 per 1 M WRU and $0.125 per 1 M RRU; SES $0.10 per 1,000 messages; HTTP API $1.00 per 1 M requests. Free tiers ignored.`,
      '',
      '| lifecycle | transitions | Lambda invocations | GB-s | RRU | WRU | SES | API requests | USD / 1,000 complaints |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    const breakdowns: string[] = [];
    for (const { name, description, run } of lifecycles) {
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
