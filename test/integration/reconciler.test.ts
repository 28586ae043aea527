import { randomUUID } from 'node:crypto';
import { DescribeExecutionCommand, SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { chineseComplaint } from '../support/fixtures.ts';
import { emailsTo, eventually, postComplaint } from '../support/http.ts';
import { executionArnOf, useLocalStack } from '../support/stack-client.ts';

await useLocalStack();
const { getComplaint, listEvents } = await import('../../functions/adapters/complaint-repository.ts');
const { complaintStore } = await import('../../functions/adapters/complaint-store.ts');
const { workflowSignals } = await import('../../functions/adapters/workflow-signals.ts');
const { applyDecision, applyStageDecision } = await import('../../functions/app/apply-decision.ts');
const { decideLifecycleFailure } = await import('../../functions/domain/lifecycle-failure.ts');
const { decideFirstContact } = await import('../../functions/domain/lifecycle.ts');

const sfn = new SFNClient({});

describe('lifecycle reconciler on the local runtime (a timer every 2 s)', () => {
  it('re-drives an execution that stopped as <id>-r1, which waits where the complaint is; the customer is acknowledged once', async () => {
    const email = `redrive-${randomUUID()}@example.com`;
    const response = await postComplaint(
      chineseComplaint({ customer: { name: '孙立', email }, subject: '包装破损', categoryHint: 'other' }),
    );
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const waiting = await eventually(async () => {
      const complaint = await getComplaint(id);
      return complaint?.waitStage === 'firstResponse' ? complaint : undefined;
    }, 15_000);

    // The execution ends on an error, as RecordLifecycleFailure leaves it: stopped, the failure on the complaint.
    await sfn.send(
      new StopExecutionCommand({ executionArn: executionArnOf(id), error: 'DependencyUnavailable' }),
    );
    await applyDecision({ store: complaintStore }, id, { kind: 'system' }, (complaint, at) =>
      decideLifecycleFailure(
        complaint,
        { stage: 'firstResponse', error: 'DependencyUnavailable', cause: 'DynamoDB outage' },
        at,
      ),
    );

    const redriven = await eventually(async () => {
      const complaint = await getComplaint(id);
      return complaint?.lifecycleAttempt === 1 &&
        complaint.waitToken &&
        complaint.waitToken !== waiting.waitToken
        ? complaint
        : undefined;
    }, 20_000);
    expect(redriven.lifecycleFailure).toBeUndefined();
    expect(redriven.waitStage).toBe('firstResponse');
    const execution = await sfn.send(
      new DescribeExecutionCommand({ executionArn: executionArnOf(`${id}-r1`) }),
    );
    expect(execution.status).toBe('RUNNING');
    const events = await listEvents(id);
    expect(
      events.filter((event) => event.type === 'lifecycle.redriven').map((event) => event.details),
    ).toEqual([
      { attempt: 1, previous: 'ABORTED', failedStage: 'firstResponse', error: 'DependencyUnavailable' },
    ]);
    expect(events.filter((event) => event.type === 'complaint.acknowledged')).toHaveLength(1);

    // The re-driven execution is the one staff actions now wake.
    await applyStageDecision(
      { store: complaintStore, signals: workflowSignals },
      id,
      { kind: 'staff', id: 'agent-1', role: 'agent' },
      (complaint, at) => decideFirstContact(complaint, at),
    );
    await eventually(
      async () => ((await getComplaint(id))?.waitStage === 'resolution' ? true : undefined),
      15_000,
    );
    expect(await emailsTo(email)).toHaveLength(1);
  }, 60_000);
});
