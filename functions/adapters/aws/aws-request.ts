import { AwsClient } from 'aws4fetch';
import { AwsServiceError, type CancellationReason } from './aws-error.ts';

/**
 * The few AWS APIs the functions call, spoken directly over HTTPS and signed with SigV4 (aws4fetch)
 * instead of through AWS SDK v3: loading one SDK client took 100–190 ms of every cold start, more than
 * the rest of a handler. Requests and answers are the services' documented wire format.
 */
export interface AwsService {
  /** SigV4 signing name and the first label of the regional endpoint. */
  signingName: string;
  endpointPrefix: string;
  /** The service part of the standard AWS_ENDPOINT_URL_<SERVICE> override (the local runtime sets it). */
  endpointVariable: string;
  /** x-amz-json-1.0 / 1.1 services name the operation in X-Amz-Target; REST services use the path. */
  jsonVersion?: '1.0' | '1.1';
  targetPrefix?: string;
}

export interface AwsCall {
  /** JSON protocols: the operation (GetItem). */
  operation?: string;
  /** REST protocols: method and path (POST /v2/email/outbound-emails). */
  method?: string;
  path?: string;
  body: unknown;
}

const MAX_ATTEMPTS = 3;
const BASE_DELAY_MS = 100;
/** Errors the service asks the caller to retry after a pause, as the SDK's standard retry mode does. */
const THROTTLING_CODES = new Set([
  'ThrottlingException',
  'Throttling',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottledException',
]);

const endpoint = (service: AwsService, region: string): string =>
  (
    process.env[`AWS_ENDPOINT_URL_${service.endpointVariable}`] ??
    process.env.AWS_ENDPOINT_URL ??
    `https://${service.endpointPrefix}.${region}.amazonaws.com`
  ).replace(/\/+$/u, '');

/** SigV4 signing keys, derived once a day per secret, region and service (aws4fetch's own cache). */
const signingKeys = new Map<string, ArrayBuffer>();

// Lambda puts the execution role's credentials in these variables, the local runtime its own; read
// per call, so a changed variable (tests, rotation) is honoured.
const signer = (service: AwsService, region: string): AwsClient => {
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new Error('No AWS credentials in the environment');
  return new AwsClient({
    accessKeyId,
    secretAccessKey,
    sessionToken: process.env.AWS_SESSION_TOKEN,
    service: service.signingName,
    region,
    cache: signingKeys,
    retries: 0,
  });
};

const stringField = (body: Record<string, unknown>, ...names: string[]): string | undefined =>
  names.map((name) => body[name]).find((value): value is string => typeof value === 'string');

/** Error code: the part after '#' in `__type` or the X-Amzn-ErrorType header, before any ':'. */
const errorCode = (response: Response, body: Record<string, unknown>): string => {
  const raw = stringField(body, '__type', 'code') ?? response.headers.get('x-amzn-errortype') ?? '';
  const code = raw.split('#').pop()!.split(':')[0]!;
  return code || `Http${response.status}`;
};

const serviceError = async (response: Response): Promise<AwsServiceError> => {
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { message: text.slice(0, 200) };
  }
  const message = stringField(body, 'message', 'Message') ?? response.statusText;
  const reasons = Array.isArray(body.CancellationReasons)
    ? (body.CancellationReasons as CancellationReason[])
    : [];
  return new AwsServiceError(errorCode(response, body), message, response.status, reasons);
};

const retryable = (error: unknown): boolean =>
  error instanceof AwsServiceError
    ? error.status >= 500 || error.status === 429 || THROTTLING_CODES.has(error.name)
    : error instanceof TypeError; // fetch's "fetch failed": no answer at all (refused, reset)

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const attempt = async (service: AwsService, call: AwsCall, region: string): Promise<unknown> => {
  const headers: Record<string, string> = service.jsonVersion
    ? {
        'content-type': `application/x-amz-json-${service.jsonVersion}`,
        'x-amz-target': `${service.targetPrefix}.${call.operation}`,
      }
    : { 'content-type': 'application/json' };
  const request = await signer(service, region).sign(`${endpoint(service, region)}${call.path ?? '/'}`, {
    method: call.method ?? 'POST',
    headers,
    body: JSON.stringify(call.body),
  });
  const response = await fetch(request);
  if (!response.ok) throw await serviceError(response);
  const text = await response.text();
  return text ? JSON.parse(text) : {};
};

/**
 * One call, retried like the SDK's standard mode: up to 3 attempts on throttling, 5xx and lost
 * connections, with full-jitter exponential backoff. Other errors are thrown as AwsServiceError.
 */
export const awsRequest = async <Output>(service: AwsService, call: AwsCall): Promise<Output> => {
  const region = process.env.AWS_REGION;
  if (!region) throw new Error('AWS_REGION is not set');
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return (await attempt(service, call, region)) as Output;
    } catch (error) {
      if (attemptNumber >= MAX_ATTEMPTS || !retryable(error)) throw error;
      await pause(Math.random() * BASE_DELAY_MS * 2 ** attemptNumber);
    }
  }
};
