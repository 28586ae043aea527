import { randomUUID } from 'node:crypto';
import { proofOfWorkHeaders } from '../test/support/proof-of-work.ts';

/** A realistic intake body; `n` varies the text so no two requests are alike. */
export const intakeBody = (email: string, n = 0) => ({
  customer: { name: '王晓明', email, phone: '+86 138 0013 8000', locale: 'zh-CN' as const },
  subject: `电热水壶底部漏水 #${n}`,
  description: `使用第三天底部开始漏水，差点导致插座短路。希望尽快处理。订单 ${n}`,
  categoryHint: 'product-quality' as const,
  product: 'Kettle K-200',
  consent: { dataProcessing: true as const },
});

export const uniqueEmail = (prefix: string) => `${prefix}-${randomUUID()}@example.com`;

/**
 * The one way the benchmarks submit a complaint (POST /v1/complaints), so that what a submission
 * needs besides its body (a header, a proof of work) changes here once. `body` goes as it is when a
 * string (the intake bench's prepared bodies), as JSON otherwise. Only the fuzzer (bad requests on
 * purpose) and autocannon (its own client) post otherwise.
 */
export const postComplaint = async (
  api: string,
  body: unknown,
  options: { idempotencyKey?: string; signal?: AbortSignal } = {},
): Promise<Response> =>
  fetch(`${api}/v1/complaints`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      // The public form's proof of work (the bench stacks run at a low difficulty).
      ...(await proofOfWorkHeaders(api)),
      ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: options.signal,
  });
