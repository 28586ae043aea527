import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

type JwtAuthorizer = APIGatewayProxyEventV2WithJWTAuthorizer['requestContext']['authorizer'];
import { marshall } from '@aws-sdk/util-dynamodb';
import { itemKeys } from '../functions/adapters/table.ts';
import { ROUTES } from '../functions/routes.ts';
import { sesBounceEvent } from '../test/support/ses-events.ts';

/** What the sample events need from the seeded stack (bench/cold-start-fixture.ts builds it). */
export interface ColdStartFixture {
  /** A submitted, triaged complaint; no workflow runs for it, so only the bench changes it. */
  complaintId: string;
  /** Its tracking token and a survey token for it (round 0), signed with the handlers' key. */
  trackingToken: string;
  surveyToken: string;
  /** Its `complaint.triaged` audit event as a stream record's NewImage (DynamoDB JSON). */
  triagedEventImage: Record<string, unknown>;
  /** A complaint whose lifecycle execution is already running (started while seeding). */
  runningLifecycleComplaintId: string;
  /** A complaint's current version, for the calls that are checked against it. */
  version: (complaintId: string) => Promise<number>;
  /** A new complaint through the stack's API, triaged by the Triage bundle when asked. */
  newComplaint: (options?: { description?: string; triaged?: boolean }) => Promise<string>;
  /** A challenge from the stack's API, solved: the Proof-Of-Work header of a public form. */
  proofOfWork: () => Promise<{ 'proof-of-work': string }>;
}

export interface SampleEvent {
  /** What the handler does with the event, for the report. */
  does: string;
  /** False only for a function that never calls AWS. */
  callsAws: boolean;
  event: (fixture: ColdStartFixture) => Promise<unknown>;
}

/** The claims API Gateway's JWT authorizer hands a manager's request (flattened, as local/gateway.ts does). */
const MANAGER_CLAIMS = {
  sub: 'cold-start-manager',
  'cognito:groups': '[manager]',
  'custom:department': 'quality',
  email: 'manager@example.com',
  token_use: 'id',
};

/** An HTTP API payload 2.0 event for the route named `routeName`, shaped as local/gateway.ts builds it. */
const apiEvent = (
  routeName: string,
  request: {
    pathParameters?: Record<string, string>;
    headers?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
    staff?: boolean;
  } = {},
): APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer => {
  const route = ROUTES.find((candidate) => candidate.name === routeName);
  if (!route) throw new Error(`no route ${routeName}`);
  const path = route.path.replace(/\{(\w+)\}/gu, (_, name: string) =>
    encodeURIComponent(request.pathParameters?.[name] ?? ''),
  );
  const query = new URLSearchParams(request.query ?? {}).toString();
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: path,
    rawQueryString: query,
    headers: {
      host: '127.0.0.1',
      'user-agent': 'cold-start-bench',
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...request.headers,
    },
    ...(request.query ? { queryStringParameters: request.query } : {}),
    ...(request.pathParameters ? { pathParameters: request.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: route.method,
        path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'cold-start-bench',
      },
      requestId: randomUUID(),
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
      // Staff routes only, and as local/auth/authorizer.ts puts it: the JWT claims, no scopes (ID token).
      ...(request.staff
        ? { authorizer: { jwt: { claims: MANAGER_CLAIMS, scopes: null } } satisfies JwtAuthorizer }
        : {}),
    },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    isBase64Encoded: false,
  };
};

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

const EMERGENCY_DESCRIPTION = '水壶使用时起火，孩子的手被烫伤，已去医院处理。';

/** A stream event with one record, as the event source mapping delivers it. */
const streamEvent = (
  eventName: 'INSERT',
  keys: Record<string, unknown>,
  newImage: Record<string, unknown>,
) => ({
  Records: [
    {
      eventID: randomUUID(),
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
        Keys: keys,
        NewImage: newImage,
        SequenceNumber: String(Date.now()),
        SizeBytes: 512,
        StreamViewType: 'NEW_IMAGE',
      },
      eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/complaints/stream/bench',
    },
  ],
});

/**
 * One representative event per Lambda function (by its name in functions/lambda-entries.ts), each
 * making the handler call AWS. Events that change state work on fresh complaints or on the current
 * version, so that every run still does its writes rather than a shortcut.
 */
export const SAMPLE_EVENTS: Record<string, SampleEvent> = {
  SubmitComplaint: {
    does: 'files a new complaint with an idempotency key and a solved proof of work (challenge spent, limits counted, one transaction: complaint, reference, first event, key)',
    callsAws: true,
    event: async (f) =>
      Promise.resolve(
        apiEvent('SubmitComplaint', {
          headers: { 'idempotency-key': randomUUID(), ...(await f.proofOfWork()) },
          body: {
            customer: { name: '王晓明', email: `cold-start-${randomUUID()}@example.com`, locale: 'zh-CN' },
            subject: '电热水壶底部漏水',
            description: '使用第三天底部开始漏水，希望尽快处理。',
            categoryHint: 'product-quality',
            consent: { dataProcessing: true },
          },
        }),
      ),
  },
  GetComplaint: {
    does: 'reads the seeded complaint and its events (tracking token checked)',
    callsAws: true,
    event: (f) =>
      Promise.resolve(
        apiEvent('GetComplaint', {
          pathParameters: { id: f.complaintId },
          headers: { 'x-tracking-token': f.trackingToken },
        }),
      ),
  },
  PostCustomerMessage: {
    does: 'the customer writes on the seeded complaint (reads, then a conditional write)',
    callsAws: true,
    event: (f) =>
      Promise.resolve(
        apiEvent('PostCustomerMessage', {
          pathParameters: { id: f.complaintId },
          headers: { 'x-tracking-token': f.trackingToken },
          body: { message: '发票和照片已上传。' },
        }),
      ),
  },
  GetSurvey: {
    does: 'opens a survey token for the seeded complaint (reads it)',
    callsAws: true,
    event: (f) => Promise.resolve(apiEvent('GetSurvey', { pathParameters: { token: f.surveyToken } })),
  },
  AnswerSurvey: {
    does: 'answers that survey (reads the complaint; refused with 410, as no survey was sent for it)',
    callsAws: true,
    event: (f) =>
      Promise.resolve(
        apiEvent('AnswerSurvey', {
          pathParameters: { token: f.surveyToken },
          body: { overall: 5, process: 5, result: 5, solved: 'yes' },
        }),
      ),
  },
  OptOutOfSurvey: {
    does: 'opts out of survey mail for the seeded complaint (read, then a write)',
    callsAws: true,
    event: (f) => Promise.resolve(apiEvent('OptOutOfSurvey', { pathParameters: { token: f.surveyToken } })),
  },
  GetChallenge: {
    does: 'signs a proof-of-work challenge: the key is in the environment locally (Secrets Manager in AWS)',
    callsAws: false,
    event: () => Promise.resolve(apiEvent('GetChallenge')),
  },
  GetOpenApi: {
    does: 'serves the OpenAPI document: no AWS call at all',
    callsAws: false,
    event: () => Promise.resolve(apiEvent('GetOpenApi')),
  },
  ListStaffQueue: {
    does: "a manager's open work queue (index queries)",
    callsAws: true,
    event: () => Promise.resolve(apiEvent('ListStaffQueue', { staff: true })),
  },
  GetStaffCase: {
    does: 'a manager opens the seeded case (complaint and its events)',
    callsAws: true,
    event: (f) =>
      Promise.resolve(apiEvent('GetStaffCase', { pathParameters: { id: f.complaintId }, staff: true })),
  },
  PerformStaffAction: {
    does: 'a manager adds a note to the seeded case at its current version (reads, transaction, events read)',
    callsAws: true,
    event: async (f) =>
      apiEvent('PerformStaffAction', {
        pathParameters: { id: f.complaintId },
        staff: true,
        body: {
          type: 'add-note',
          text: 'Cold-start bench note.',
          expectedVersion: await f.version(f.complaintId),
        },
      }),
  },
  GetKpiReport: {
    does: 'KPI report for the last 30 days by day (counter queries)',
    callsAws: true,
    event: () =>
      Promise.resolve(apiEvent('GetKpiReport', { staff: true, query: { from: day(-30), to: day(0) } })),
  },
  ExportComplaints: {
    does: "CSV export of the last 30 days' complaints (index query)",
    callsAws: true,
    event: () =>
      Promise.resolve(apiEvent('ExportComplaints', { staff: true, query: { from: day(-30), to: day(0) } })),
  },
  Triage: {
    does: 'triages a fresh complaint (read, repeat query, transaction)',
    callsAws: true,
    event: async (f) => ({ complaintId: await f.newComplaint() }),
  },
  NotifyEmergency: {
    does: 'alerts senior management about a fresh, triaged L1 complaint (reads, transaction, SES)',
    callsAws: true,
    event: async (f) => ({
      complaintId: await f.newComplaint({ description: EMERGENCY_DESCRIPTION, triaged: true }),
    }),
  },
  SendAcknowledgement: {
    does: 'acknowledges a fresh, triaged complaint (reads, SES, transaction)',
    callsAws: true,
    event: async (f) => ({ complaintId: await f.newComplaint({ triaged: true }) }),
  },
  AdvanceLifecycle: {
    does: 'a wake-up on a signal for the seeded complaint: sends its queued mail (none), plans its first-response wait (reads)',
    callsAws: true,
    event: (f) => Promise.resolve({ complaintId: f.complaintId, stage: 'firstResponse', woken: 'signal' }),
  },
  RegisterWait: {
    does: 'stores a task token on the seeded complaint at its current version (conditional update)',
    callsAws: true,
    event: async (f) => ({
      complaintId: f.complaintId,
      stage: 'firstResponse',
      version: await f.version(f.complaintId),
      taskToken: `cold-start-${randomUUID()}`,
    }),
  },
  RecordFollowUpFailure: {
    does: 'records a failed follow-up mail on the seeded complaint (a read: it is not in follow-up, so nothing is recorded)',
    callsAws: true,
    event: (f) =>
      Promise.resolve({
        complaintId: f.complaintId,
        failure: { Error: 'MessageRejected', Cause: 'cold-start bench' },
      }),
  },
  RecordLifecycleFailure: {
    does: 'records a failed lifecycle step on the seeded complaint (read, then a write the first time; the same failure again only reads)',
    callsAws: true,
    event: (f) =>
      Promise.resolve({
        complaintId: f.complaintId,
        stage: 'resolution',
        failure: { Error: 'TypeError', Cause: 'cold-start bench' },
      }),
  },
  RecordMailEvent: {
    does: "an SES permanent bounce of the seeded complaint's acknowledgement (read, then the contact problem written the first time; found after)",
    callsAws: true,
    event: (f) =>
      Promise.resolve(sesBounceEvent({ tags: { complaintId: f.complaintId, mailKind: 'acknowledgement' } })),
  },
  StartLifecycle: {
    does: 'a stream INSERT of a complaint whose execution runs: StartExecution answers it idempotently',
    callsAws: true,
    event: (f) =>
      Promise.resolve(streamEvent('INSERT', marshall(itemKeys.complaint(f.runningLifecycleComplaintId)), {})),
  },
  CountKpis: {
    does: "a stream INSERT of the seeded complaint's triage event (partition query; counted once, then found)",
    callsAws: true,
    event: (f) =>
      Promise.resolve(
        streamEvent(
          'INSERT',
          { pk: f.triagedEventImage.pk, sk: f.triagedEventImage.sk },
          f.triagedEventImage,
        ),
      ),
  },
  SendDailySummary: {
    does: "mails management yesterday's KPIs (counter queries, SES)",
    callsAws: true,
    event: () => Promise.resolve({}),
  },
};
