import { randomUUID } from 'node:crypto';
import { LOCAL_INBOUND_DOMAIN } from '../local/aws-local.ts';
import { startLocalStack } from '../local/stack.ts';
import { freePort } from '../local/ports.ts';
import { section, type Section } from './report.ts';
import { ms, summarise } from './stats.ts';
import { postComplaint } from './sample-complaints.ts';

const SEQUENTIAL = 200;
const CONCURRENT_WORKERS = 8;
const CONCURRENT_REQUESTS = 400;
const ACK_SAMPLES = 20;

const body = (email: string) =>
  JSON.stringify({
    customer: { name: '王晓明', email, locale: 'zh-CN' },
    subject: '电热水壶底部漏水',
    description: '使用第三天底部开始漏水，差点导致插座短路。希望尽快处理。',
    categoryHint: 'product-quality',
    consent: { dataProcessing: true },
  });

/**
 * Intake on the whole local stack (workflows on): latency of POST /v1/complaints one at a time and
 * under concurrency, and the time from 201 to the acknowledgement email in the SES store.
 */
export const benchIntake = async (): Promise<Section> => {
  const stack = await startLocalStack({
    apiPort: await freePort(),
    sesPort: await freePort(),
    dynamoDbPort: await freePort(),
    stepFunctionsPort: await freePort(),
    s3Port: await freePort(),
    smtpPort: await freePort(),
    inboundDomain: LOCAL_INBOUND_DOMAIN,
    inMemory: true,
    senderEmail: 'bench@example.com',
    policyFile: 'policy/complaint-policy.json',
    slaTimeScale: 1,
    onError: (error) => console.error(error),
  });
  const submit = async () => {
    const started = performance.now();
    const response = await postComplaint(stack.urls.api, body(`bench-${randomUUID()}@example.com`), {
      idempotencyKey: randomUUID(),
    });
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`intake answered ${response.status}`);
    return performance.now() - started;
  };
  try {
    // Acknowledgement delay first, on an idle stack: later phases leave a workflow backlog behind.
    const ackDelays: number[] = [];
    for (let i = 0; i < ACK_SAMPLES; i += 1) {
      const email = `ack-${randomUUID()}@example.com`;
      const sinceSeconds = Math.floor(Date.now() / 1000) - 1;
      const started = performance.now();
      await postComplaint(stack.urls.api, body(email));
      for (;;) {
        const store = (await (await fetch(`${stack.urls.ses}/store?since=${sinceSeconds}`)).json()) as {
          emails: { destination: { to: string[] } }[];
        };
        if (store.emails.some((mail) => mail.destination.to.includes(email))) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      ackDelays.push(performance.now() - started);
    }

    for (let i = 0; i < 20; i += 1) await submit(); // warm-up: JIT, connections, module loading
    const sequential: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i += 1) sequential.push(await submit());

    const concurrent: number[] = [];
    let remaining = CONCURRENT_REQUESTS;
    const wallStart = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENT_WORKERS }, async () => {
        while (remaining-- > 0) concurrent.push(await submit());
      }),
    );
    const throughput = CONCURRENT_REQUESTS / ((performance.now() - wallStart) / 1000);

    const seq = summarise(sequential);
    const con = summarise(concurrent);
    const ack = summarise(ackDelays);
    const result = section('Intake latency and acknowledgement (workflows on)');
    result.lines.push(
      `intake, sequential (n=${seq.n}): p50 ${ms(seq.p50)}, p90 ${ms(seq.p90)}, p99 ${ms(seq.p99)}`,
      `intake, ${CONCURRENT_WORKERS} concurrent clients (n=${con.n}): ${throughput.toFixed(0)} req/s, p50 ${ms(con.p50)}, p99 ${ms(con.p99)}`,
      `submit → acknowledgement in SES store (n=${ack.n}): p50 ${ms(ack.p50)}, max ${ms(ack.max)}`,
    );
    return result;
  } finally {
    await stack.stop();
  }
};
